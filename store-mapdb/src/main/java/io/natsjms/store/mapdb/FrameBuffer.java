package io.natsjms.store.mapdb;

import java.nio.ByteBuffer;

/**
 * The heap buffer a journal frame is assembled in, kept from one frame to the next so that a commit
 * allocates nothing for its records. It grows as a frame needs and goes back to its first size after
 * a frame larger than {@link #MAX_KEPT} bytes. Guarded by the store lock, like the journal.
 */
final class FrameBuffer {

    static final int INITIAL = 4 * 1024;
    /** A buffer grown past this is dropped after its frame (a rare, huge commit keeps no memory). */
    static final int MAX_KEPT = 1024 * 1024;

    private ByteBuffer buf = ByteBuffer.allocate(INITIAL);

    /** Starts a new frame: the buffer empty, and back to its first size if it grew too big. */
    ByteBuffer reset() {
        if (buf.capacity() > MAX_KEPT) {
            buf = ByteBuffer.allocate(INITIAL);
        }
        return buf.clear();
    }

    /** The buffer, with room for {@code bytes} more after its position. */
    ByteBuffer room(int bytes) {
        if (buf.remaining() < bytes) {
            int needed = buf.position() + bytes;
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(needed, buf.capacity() * 2));
            bigger.put(buf.flip());
            buf = bigger;
        }
        return buf;
    }

    /** The buffer as it is now (after {@link #room} it may be another one than before). */
    ByteBuffer buffer() {
        return buf;
    }
}
