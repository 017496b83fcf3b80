package io.natsjms.stan;

import com.google.protobuf.ByteString;

/**
 * A message delivered to a subscription.
 *
 * @param sequence        the message's sequence in its channel (the value to {@link StanSubscription#ack ack})
 * @param channel         the channel
 * @param payload         the payload, as received (no copy is made; a {@link ByteString} cannot be changed)
 * @param timestampNanos  when the server stored it, in Unix nanoseconds
 * @param redelivered     whether it was delivered before and not acknowledged
 * @param redeliveryCount how many times it was redelivered (0 on first delivery; servers that don't
 *                        send it leave it 0)
 */
public record StanMessage(long sequence, String channel, ByteString payload, long timestampNanos,
                          boolean redelivered, int redeliveryCount) {

    /** The payload as a new array, which the caller owns (each call copies). */
    public byte[] data() {
        return payload.toByteArray();
    }
}
