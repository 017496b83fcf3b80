package io.natsjms.store;

/**
 * What a message log holds at one moment.
 *
 * @param firstSequence sequence of the oldest message held (see {@link MessageStore})
 * @param lastSequence  sequence of the newest message ever appended, or 0
 * @param count         number of messages held
 * @param bytes         sum of their serialized sizes
 */
public record MessageStoreStats(long firstSequence, long lastSequence, long count, long bytes) {
}
