package io.natsjms.store;

/**
 * Where {@link MessageStore#append(NewMessage)} put a message: the sequence and the timestamp it was
 * stored with.
 *
 * @param sequence       the sequence assigned to the message
 * @param timestampNanos its timestamp as stored (Unix ns), never below the previous message's
 */
public record Appended(long sequence, long timestampNanos) {
}
