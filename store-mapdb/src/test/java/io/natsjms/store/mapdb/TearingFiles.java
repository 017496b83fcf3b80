package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StoreFiles} over another that counts positional reads (to tell a read from the disk from one served by a
 * read-ahead window) and can <em>tear</em> the next write: it writes garbage where the bytes were to go, then fails
 * with {@code Input/output error}, as a write that failed half-way may leave anything in the range it was writing.
 */
final class TearingFiles implements StoreFiles {

    private final StoreFiles delegate;
    private final AtomicLong reads = new AtomicLong();
    private final Random garbage = new Random(1);
    private volatile boolean tearNext;

    TearingFiles(StoreFiles delegate) {
        this.delegate = delegate;
    }

    /** Positional reads of any file so far. */
    long reads() {
        return reads.get();
    }

    /** Makes the next write (of any file) write garbage and fail. */
    void tearNext() {
        tearNext = true;
    }

    /** Takes back {@link #tearNext()} if no write came since. */
    void cancelTear() {
        tearNext = false;
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        return new Channel(delegate.open(file, options));
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        delegate.forceDirectory(directory);
    }

    private final class Channel extends ForwardingFileChannel {

        Channel(FileChannel real) {
            super(real);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            reads.incrementAndGet();
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            if (tearNext) {
                tearNext = false;
                byte[] junk = new byte[src.remaining()];
                synchronized (garbage) {
                    garbage.nextBytes(junk);
                }
                real.write(ByteBuffer.wrap(junk), position);
                throw new IOException(FaultyFiles.EIO);
            }
            return real.write(src, position);
        }
    }
}
