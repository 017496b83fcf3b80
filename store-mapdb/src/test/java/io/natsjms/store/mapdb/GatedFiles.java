package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StoreFiles} on the real file system whose segment files ({@code msgs.*}) hold every
 * force until {@code parties} of them are in progress at the same time, so a test can tell forces
 * issued together from forces issued one after another: in the second case the first force gives
 * up after {@code timeoutMillis} with an {@link IOException}. Once the gate opened, forces pass
 * freely. A segment file may also be made to fail its next force ({@link #failNextForceOf}).
 */
final class GatedFiles implements StoreFiles {

    private final int parties;
    private final long timeoutMillis;
    /** Guarded by this: forces in progress now, the most seen at once, and whether the gate opened. */
    private int inProgress;
    private int mostAtOnce;
    private boolean open;
    /** The channel directory whose next segment force fails, or {@code null}; guarded by this. */
    private String failing;

    GatedFiles(int parties, long timeoutMillis) {
        this.parties = parties;
        this.timeoutMillis = timeoutMillis;
    }

    /** Makes the next force of a segment file under a directory named {@code channelDirectory} fail. */
    synchronized void failNextForceOf(String channelDirectory) {
        failing = channelDirectory;
    }

    synchronized int mostAtOnce() {
        return mostAtOnce;
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        FileChannel real = FileChannel.open(file, options);
        return file.getFileName().toString().startsWith("msgs.") ? new Gated(real, file) : real;
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        DirectorySync.force(directory);
    }

    private void enter(Path file) throws IOException {
        synchronized (this) {
            inProgress++;
            mostAtOnce = Math.max(mostAtOnce, inProgress);
            if (inProgress >= parties) {
                open = true;
                notifyAll();
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            try {
                while (!open) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IOException("force of " + file + " waited " + timeoutMillis + " ms for " + parties
                                + " segment forces at once, saw at most " + mostAtOnce);
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                if (!open) {
                    inProgress--;
                }
            }
        }
        synchronized (this) {
            if (failing != null && file.getParent().getFileName().toString().equals(failing)) {
                failing = null;
                inProgress--;
                throw new IOException(FaultyFiles.EIO);
            }
        }
    }

    private synchronized void leave() {
        inProgress--;
    }

    /** Delegates to a real channel; {@link #force} goes through the gate. */
    private final class Gated extends FileChannel {
        private final FileChannel real;
        private final Path file;

        Gated(FileChannel real, Path file) {
            this.real = real;
            this.file = file;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            enter(file);
            try {
                real.force(metaData);
            } finally {
                leave();
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return real.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return real.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            real.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return real.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return real.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            real.close();
        }
    }
}
