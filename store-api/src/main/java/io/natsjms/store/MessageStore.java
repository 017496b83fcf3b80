package io.natsjms.store;

import io.natsjms.protocol.pb.MsgProto;

/**
 * The message log of one channel.
 *
 * <p>Sequences start at 1, grow by one with each append and are never reused, even after old
 * messages were dropped. Timestamps are Unix nanoseconds and never decrease along the log. A channel
 * that never held a message has first and last sequence 0; once messages were dropped the first
 * sequence is that of the oldest message still held, or {@code last + 1} when none is left.
 *
 * <p>Sizes are counted as the serialized size of each stored {@link MsgProto}.
 */
public interface MessageStore {

    /**
     * Appends a message and applies the message limits (oldest messages are dropped while the
     * count or the byte size is over its limit; the new message is always kept).
     *
     * @param msg the message; its sequence is ignored and assigned by the store. Its timestamp is
     *            used if positive and not older than the last one, otherwise the last timestamp (or
     *            now, for a positive timestamp of 0) is used, so that timestamps never decrease.
     *            The {@code redelivered} and {@code redeliveryCount} fields are not stored.
     * @return the message as stored, with its sequence and timestamp: {@code msg} itself when it
     *         already carries the sequence and timestamp it gets and no redelivery fields (a caller
     *         that sets {@code lastSequence() + 1} and a timestamp not older than the last one builds
     *         the stored message once), otherwise a copy
     */
    MsgProto append(MsgProto msg);

    /**
     * Appends a message given by its fields, exactly as {@link #append(MsgProto)} appends
     * {@code msg.toMsgProto(lastSequence() + 1, msg.timestamp())}: the same sequence, timestamp, limits
     * and stored bytes. A store that keeps messages serialized writes {@code msg}'s encoding
     * ({@link NewMessage#writeTo}) without building the {@link MsgProto}. This default builds it.
     *
     * @return the sequence and the timestamp the message was stored with
     */
    default Appended append(NewMessage msg) {
        MsgProto stored = append(msg.toMsgProto(lastSequence() + 1, msg.timestamp()));
        return new Appended(stored.getSequence(), stored.getTimestamp());
    }

    /** The message with this sequence, or {@code null} if it was never stored or has been dropped. */
    MsgProto lookup(long sequence);

    /**
     * The message with this sequence as it is stored, serialized: the bytes of
     * {@code lookup(sequence).toByteArray()}, or {@code null} when {@link #lookup} gives {@code null}.
     * A store that keeps messages serialized returns them without parsing and serializing them again;
     * it may return the same array to every caller, so the caller must not change it. This default
     * serializes what {@link #lookup} returns.
     */
    default byte[] lookupSerialized(long sequence) {
        MsgProto msg = lookup(sequence);
        return msg == null ? null : msg.toByteArray();
    }

    /** The sequence of the oldest message held (see the class comment for the empty cases). */
    long firstSequence();

    /** The sequence of the newest message ever appended, or 0. */
    long lastSequence();

    /**
     * The sequence of the first held message whose timestamp is at or after {@code timestampNanos};
     * {@code lastSequence() + 1} if there is none.
     */
    long sequenceAtOrAfter(long timestampNanos);

    /** Counts of what is held now. */
    MessageStoreStats stats();

    /**
     * Drops the messages older than the channel's max age, relative to {@code nowNanos}; does
     * nothing when the channel has no max age.
     *
     * @return how many messages were dropped
     */
    int expire(long nowNanos);
}
