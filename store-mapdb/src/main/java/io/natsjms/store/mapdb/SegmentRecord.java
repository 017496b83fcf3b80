package io.natsjms.store.mapdb;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * One record read back from a segment file: {@code [int bodyLength][int crc32c][long seq]
 * [long timestamp][body]}, the CRC covering sequence, timestamp and body. A <b>commit marker</b>
 * has body length -1, the commit number in place of the sequence, 0 as timestamp and no body: each
 * commit writes one into every segment it appended to, so that recovery can tell segment data of
 * lost journal frames from the uncommitted tail of a crash.
 *
 * @param segment   the segment holding it
 * @param offset    where its header starts
 * @param sequence  the message sequence (a marker: the commit number)
 * @param timestamp the message timestamp (Unix ns)
 * @param length    the body length; {@link #MARKER} for a marker
 * @param body      the serialized MsgProto; null for a marker, and for a message whose body was
 *                  only verified, not kept (recovery needs its length, not its bytes)
 */
record SegmentRecord(long segment, long offset, long sequence, long timestamp, int length, byte[] body) {

    static final int HEADER = 24;
    static final int MARKER = -1;

    boolean marker() {
        return length == MARKER;
    }

    /** Bytes the record takes in its file. */
    int size() {
        return HEADER + Math.max(length, 0);
    }

    /**
     * Decodes one record (a message or a commit marker) from {@code buf}, positioned at its header;
     * null if it is not valid. {@code expectedLength} is the body length an index entry names, or -2
     * for any. With {@code keepBody} false the body is verified (CRC) but not copied out
     * ({@link #body()} is then null).
     */
    static SegmentRecord decode(long segment, long offset, ByteBuffer buf, int expectedLength, boolean keepBody) {
        if (buf.remaining() < HEADER) {
            return null;
        }
        int start = buf.position();
        int length = buf.getInt(start);
        int bodyLength = Math.max(length, 0);
        if (length < MARKER || (expectedLength != -2 && length != expectedLength)
                || buf.remaining() - HEADER < bodyLength) {
            return null;
        }
        CRC32C crc = new CRC32C();
        if (buf.hasArray()) {
            crc.update(buf.array(), buf.arrayOffset() + start + 8, HEADER - 8 + bodyLength);
        } else {
            crc.update(buf.duplicate().position(start + 8).limit(start + HEADER + bodyLength));
        }
        if ((int) crc.getValue() != buf.getInt(start + 4)) {
            return null;
        }
        byte[] body = null;
        if (keepBody && length != MARKER) {
            body = new byte[length];
            buf.get(start + HEADER, body);
        }
        buf.position(start + HEADER + bodyLength);
        return new SegmentRecord(segment, offset, buf.getLong(start + 8), buf.getLong(start + 16), length, body);
    }

    /** Whether the rest of {@code buf} is zeros (written by no one). */
    static boolean unwritten(ByteBuffer buf) {
        for (int i = buf.position(); i < buf.limit(); i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
