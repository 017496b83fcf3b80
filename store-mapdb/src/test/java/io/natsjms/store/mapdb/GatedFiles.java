package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
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
    private int forces;
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

    /** Segment forces begun so far. */
    synchronized int forces() {
        return forces;
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
            forces++;
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

    /** A segment file whose {@link #force} goes through the gate. */
    private final class Gated extends ForwardingFileChannel {
        private final Path file;

        Gated(FileChannel real, Path file) {
            super(real);
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
    }
}
