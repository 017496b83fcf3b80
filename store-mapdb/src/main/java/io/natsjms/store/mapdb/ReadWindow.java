package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * One read-ahead window of a reading thread ({@link ReadAhead}): a copy of bytes {@code [start, start + length)}
 * of one segment file of one {@link SegmentLog}, as that log's {@linkplain SegmentLog#version() version} stood when
 * they were read, and where the last record this thread read there ended (to tell a sequential run from a jump).
 * A window with no bytes only tracks such a run. Used by its own thread only, so nothing here is guarded.
 */
final class ReadWindow {

    /** The log version the bytes belong to; 0 (no log has it) while the window holds nothing. */
    private long version;
    private long segment;
    private long start;
    /** How many bytes from {@link #start} the window holds; 0 for none. */
    private int length;
    /** Where the last record read through this window (or tracked by it) ended. */
    private long next;
    /** When this thread last used the window ({@link ReadAhead}'s clock), to pick the one to replace. */
    private long lastUse;
    /** {@value ReadAhead#WINDOW} bytes of direct memory, allocated at the first read ahead. */
    private ByteBuffer buffer;

    long lastUse() {
        return lastUse;
    }

    /**
     * The record of {@code size} bytes at {@code segment}/{@code offset} as a view of its own (positioned at 0,
     * limited to {@code size}) when the window holds all of it as read at {@code version}, else null.
     */
    ByteBuffer take(long version, long segment, long offset, int size, long now) {
        if (this.version != version || this.segment != segment || offset < start
                || offset - start > length - (long) size) {
            return null;
        }
        next = offset + size;
        lastUse = now;
        return buffer.slice((int) (offset - start), size);
    }

    /**
     * Whether a read at {@code segment}/{@code offset} continues the run this window tracks: it starts at the end
     * of the last record read or a little after it (commit markers lie between one commit's records and the
     * next's), or near the start of the following segment.
     */
    boolean continues(long version, long segment, long offset) {
        if (this.version != version) {
            return false;
        }
        if (this.segment == segment) {
            return offset >= next && offset - next <= ReadAhead.GAP;
        }
        return this.segment + 1 == segment && offset <= ReadAhead.GAP;
    }

    /** Forgets the bytes and tracks a run that has read up to {@code segment}/{@code next} so far. */
    void track(long version, long segment, long next, long now) {
        this.version = version;
        this.segment = segment;
        this.start = next;
        this.length = 0;
        this.next = next;
        this.lastUse = now;
    }

    /**
     * Reads bytes of {@code channel} from {@code offset} into the window: {@link ReadAhead#WINDOW} bytes, fewer at
     * the end of the file or when {@code limit} (the bytes the caller knows to be written there) is less. The
     * window is empty if the read fails, and then holds the bytes read as of {@code version}.
     */
    void fill(FileChannel channel, long version, long segment, long offset, long limit, long now) throws IOException {
        this.version = 0;
        this.length = 0;
        if (buffer == null) {
            buffer = ByteBuffer.allocateDirect(ReadAhead.WINDOW);
        }
        ByteBuffer buf = buffer.clear().limit((int) Math.min(ReadAhead.WINDOW, limit));
        long p = offset;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, p);
            if (n < 0) {
                break;
            }
            p += n;
        }
        this.segment = segment;
        this.start = offset;
        this.next = offset;
        this.length = buf.position();
        this.lastUse = now;
        this.version = version;
    }
}
