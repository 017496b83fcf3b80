package io.natsjms.stan;

/**
 * A message delivered to a subscription. The array is not copied: the handler owns it.
 *
 * @param sequence        the message's sequence in its channel (the value to {@link StanSubscription#ack ack})
 * @param channel         the channel
 * @param data            the payload
 * @param timestampNanos  when the server stored it, in Unix nanoseconds
 * @param redelivered     whether it was delivered before and not acknowledged
 * @param redeliveryCount how many times it was redelivered (0 on first delivery; servers that don't
 *                        send it leave it 0)
 */
public record StanMessage(long sequence, String channel, byte[] data, long timestampNanos,
                          boolean redelivered, int redeliveryCount) {
}
