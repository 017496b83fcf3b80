package io.natsjms.jms.message;

/**
 * What STAN says about one delivered message (from its MsgProto), needed to build the JMS message.
 *
 * @param sequence the channel sequence
 * @param channel the channel (or subject, for temporary destinations) it came from
 * @param timestampNanos the STAN publish timestamp in nanoseconds since the epoch
 * @param redelivered the MsgProto redelivered flag
 * @param redeliveryCount the MsgProto redelivery count (0 on the first delivery)
 */
public record DeliveryInfo(long sequence, String channel, long timestampNanos, boolean redelivered,
                               int redeliveryCount) {

    /** Checks the values. */
    public DeliveryInfo {
        if (channel == null || channel.isEmpty()) {
            throw new IllegalArgumentException("channel: " + channel + " (expected: a non-empty channel name)");
        }
        if (redeliveryCount < 0) {
            throw new IllegalArgumentException("redeliveryCount: " + redeliveryCount + " (expected: >= 0)");
        }
    }

    /** JMSXDeliveryCount: the redelivery count + 1. */
    public int deliveryCount() {
        return redeliveryCount + 1;
    }

    /** JMSTimestamp fallback: the STAN timestamp in milliseconds. */
    public long timestampMillis() {
        return timestampNanos / 1_000_000L;
    }
}
