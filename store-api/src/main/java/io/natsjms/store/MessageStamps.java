package io.natsjms.store;

import io.natsjms.protocol.pb.MsgProto;
import java.time.Instant;

/**
 * Turns a message handed to {@link MessageStore#append} into the message to store: its sequence,
 * a timestamp that never goes below the previous one, and no redelivery fields.
 */
public final class MessageStamps {

    private MessageStamps() {
    }

    /**
     * The message as it must be stored.
     *
     * @param msg               the message to append
     * @param sequence          the sequence assigned to it
     * @param previousTimestamp the timestamp of the previous append in the channel (0 if none)
     * @param nowNanos          the current time in Unix nanoseconds, used when {@code msg} has none
     */
    public static MsgProto stamp(MsgProto msg, long sequence, long previousTimestamp, long nowNanos) {
        long requested = msg.getTimestamp() > 0 ? msg.getTimestamp() : nowNanos;
        return msg.toBuilder()
                .setSequence(sequence)
                .setTimestamp(Math.max(requested, previousTimestamp))
                .clearRedelivered()
                .clearRedeliveryCount()
                .build();
    }

    /** The wall clock in Unix nanoseconds. */
    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
