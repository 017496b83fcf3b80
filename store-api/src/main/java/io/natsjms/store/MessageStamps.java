package io.natsjms.store;

import io.natsjms.protocol.pb.MsgProto;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Turns a message handed to {@link MessageStore#append} into the message to store: its sequence,
 * a timestamp that never goes below the previous one, and no redelivery fields. A message that
 * already is what would be stored is kept as it is, so that a caller who knows the next sequence
 * (the server does) builds the stored message once.
 */
public final class MessageStamps {

    private MessageStamps() {
    }

    /**
     * The message as it must be stored: {@code msg} itself when it already carries this sequence, this
     * timestamp and no redelivery fields, otherwise a copy with them.
     *
     * @param msg               the message to append
     * @param sequence          the sequence assigned to it
     * @param previousTimestamp the timestamp of the previous append in the channel (0 if none)
     * @param nowNanos          the current time in Unix nanoseconds, used when {@code msg} has none
     */
    public static MsgProto stamp(MsgProto msg, long sequence, long previousTimestamp, long nowNanos) {
        long requested = msg.getTimestamp() > 0 ? msg.getTimestamp() : nowNanos;
        long timestamp = Math.max(requested, previousTimestamp);
        if (msg.getSequence() == sequence && msg.getTimestamp() == timestamp && !msg.getRedelivered()
                && msg.getRedeliveryCount() == 0) {
            return msg;
        }
        return msg.toBuilder()
                .setSequence(sequence)
                .setTimestamp(timestamp)
                .clearRedelivered()
                .clearRedeliveryCount()
                .build();
    }

    /**
     * The timestamp a message asking for {@code requested} is stored with, the rule of {@link #stamp}:
     * {@code requested} if positive, otherwise now, and never below {@code previousTimestamp}.
     *
     * @param now the current time in Unix nanoseconds; asked only when {@code requested} is not positive
     */
    public static long timestamp(long requested, long previousTimestamp, LongSupplier now) {
        return Math.max(requested > 0 ? requested : now.getAsLong(), previousTimestamp);
    }

    /** The wall clock in Unix nanoseconds. */
    public static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
