package io.natsjms.store.mapdb;

/**
 * A position in the segment files of one channel.
 *
 * @param segment the segment number (files {@code msgs.<segment>.log}, starting at 1)
 * @param offset  the byte offset in that segment
 */
record LogPosition(long segment, long offset) {

    static final LogPosition START = new LogPosition(1, 0);
}
