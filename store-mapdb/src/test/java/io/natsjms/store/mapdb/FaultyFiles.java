package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StoreFiles} whose channels fail on demand, for the fault-injection tests. Every write,
 * force, truncate, file creation and directory sync is a numbered <em>operation</em>; a test can
 * make one chosen operation fail ({@link #failAt}), or make every write that would grow a file fail
 * with {@code No space left on device} while {@link #full} is set (truncations and syncs still work,
 * as on a full disk). The operations seen are listed for the test's messages.
 */
final class FaultyFiles implements StoreFiles {

    static final String ENOSPC = "No space left on device";
    static final String EIO = "Input/output error";

    private long operations;
    private long failAt = -1;
    private String failure = ENOSPC;
    private final List<String> failPrefixes = new ArrayList<>();
    private volatile boolean full;
    private long fullFrom = -1;
    private final List<String> seen = new ArrayList<>();

    /** Makes operation number {@code n} (counted from now, from 1) fail with {@code message}. */
    synchronized void failAt(long n, String message) {
        failAt = operations + n;
        failure = message;
    }

    /**
     * Makes the next operation whose description starts with {@code prefix} fail with {@code message}
     * (several prefixes may wait at once; each fails once).
     */
    synchronized void failNext(String prefix, String message) {
        failPrefixes.add(prefix);
        failure = message;
    }

    /** From operation number {@code n} (counted from now, from 1) on, the disk is full. */
    synchronized void fullFrom(long n) {
        fullFrom = operations + n;
    }

    /** While set, writes that grow a file fail with ENOSPC. */
    synchronized void full(boolean value) {
        full = value;
        fullFrom = -1;
    }

    synchronized long operations() {
        return operations;
    }

    synchronized List<String> seen() {
        return List.copyOf(seen);
    }

    private synchronized void operation(String what) throws IOException {
        operations++;
        seen.add(operations + " " + what);
        if (operations == fullFrom) {
            full = true;
        }
        if (operations == failAt) {
            throw new IOException(failure);
        }
        for (String prefix : failPrefixes) {
            if (what.startsWith(prefix)) {
                failPrefixes.remove(prefix);
                throw new IOException(failure);
            }
        }
    }

    @Override
    public FileChannel open(Path file, OpenOption... options) throws IOException {
        if (!java.nio.file.Files.exists(file)) {
            operation("create " + file.getFileName());
            if (full) {
                throw new java.nio.file.FileSystemException(file.toString(), null, ENOSPC);
            }
        }
        return new Channel(FileChannel.open(file, options), file.getFileName().toString());
    }

    @Override
    public void stateCommit(boolean committed) throws IOException {
        operation(committed ? "committed state.db" : "commit state.db");
    }

    @Override
    public void forceDirectory(Path directory) throws IOException {
        operation("sync directory " + directory.getFileName());
        DirectorySync.force(directory);
    }

    /** Delegates to a real channel, counting (and failing) the operations that change the file. */
    private final class Channel extends ForwardingFileChannel {
        private final String name;

        Channel(FileChannel real, String name) {
            super(real);
            this.name = name;
        }

        private void writing(long at, int bytes) throws IOException {
            operation("write " + name + " @" + at + " +" + bytes);
            if (full && at + bytes > real.size()) {
                throw new IOException(ENOSPC);
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            writing(position, src.remaining());
            return real.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            writing(real.position(), src.remaining());
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            throw new UnsupportedOperationException("not used by the store");
        }

        @Override
        public void force(boolean metaData) throws IOException {
            operation("force " + name);
            real.force(metaData);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            operation("truncate " + name + " to " + size);
            real.truncate(size);
            return this;
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("not used by the store");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the store");
        }
    }
}
