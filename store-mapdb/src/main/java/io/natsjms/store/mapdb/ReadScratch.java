package io.natsjms.store.mapdb;

import java.nio.ByteBuffer;

/**
 * A direct buffer per reading thread that segment records are read into before their body is
 * copied out ({@link SegmentLog#readBody}). The OS fills a direct buffer with no copy of the JDK's
 * own, and reusing it saves allocating and zeroing a buffer per read. Records above {@link #MAX}
 * bytes get no scratch (a rare huge message does not pin memory to a thread).
 */
final class ReadScratch {

    static final int MAX = 64 * 1024;
    private static final int INITIAL = 4 * 1024;
    private static final ThreadLocal<ByteBuffer> BUFFERS = ThreadLocal.withInitial(
            () -> ByteBuffer.allocateDirect(INITIAL));

    /** A thread's buffer; only that thread ever uses it. */
    private record Owned(Thread owner, ByteBuffer buffer) {
    }

    /**
     * The buffer of the thread that called last: almost every read comes from the engine's thread,
     * which then skips the thread-local lookup (a busy thread's thread-local map is slow to search).
     */
    private static volatile Owned last;

    private ReadScratch() {
    }

    /**
     * The calling thread's buffer, cleared and limited to {@code bytes}; null if {@code bytes} is
     * above {@link #MAX}. Good until the thread's next call.
     */
    static ByteBuffer take(int bytes) {
        if (bytes > MAX) {
            return null;
        }
        Thread current = Thread.currentThread();
        Owned owned = last;
        ByteBuffer buf = owned != null && owned.owner() == current ? owned.buffer() : BUFFERS.get();
        if (buf.capacity() < bytes) {
            buf = ByteBuffer.allocateDirect(Math.min(MAX, Math.max(bytes, 2 * buf.capacity())));
            BUFFERS.set(buf);
        }
        if (owned == null || owned.owner() != current || owned.buffer() != buf) {
            last = new Owned(current, buf);
        }
        return buf.clear().limit(bytes);
    }
}
