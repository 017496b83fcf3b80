package io.natsjms.store.mapdb;

/**
 * One message record read back from a segment file: {@code [int bodyLength][int crc32c][long seq]
 * [long timestamp][body]}, the CRC covering sequence, timestamp and body.
 *
 * @param segment   the segment holding it
 * @param offset    where its header starts
 * @param sequence  the message sequence
 * @param timestamp the message timestamp (Unix ns)
 * @param body      the serialized MsgProto
 */
record SegmentRecord(long segment, long offset, long sequence, long timestamp, byte[] body) {

    static final int HEADER = 24;
}
