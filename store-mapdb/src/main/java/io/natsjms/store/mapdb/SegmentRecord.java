package io.natsjms.store.mapdb;

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
}
