package io.natsjms.store;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one channel. In effective limits (as returned by {@link StoreLimits#forChannel})
 * 0 means unlimited. In a per-channel override, 0 means "inherit" from the closest wider pattern and
 * then from the defaults, and a negative value means unlimited.
 *
 * @param maxMsgs          most messages held; the oldest are dropped beyond it
 * @param maxBytes         most bytes held; the oldest messages are dropped beyond it
 * @param maxAge           messages older than this are dropped
 * @param maxSubscriptions most subscriptions in the channel (each queue member, durable and shadow counts)
 * @param maxInactivity    a channel without subscriptions or new messages for this long is deleted
 */
public record ChannelLimits(long maxMsgs, long maxBytes, Duration maxAge, int maxSubscriptions,
                            Duration maxInactivity) {

    /** The original server's default max messages per channel. */
    public static final long DEFAULT_MAX_MSGS = 1_000_000;
    /** The original server's default max bytes per channel (1000000 × 1024). */
    public static final long DEFAULT_MAX_BYTES = 1_000_000L * 1024;
    /** The original server's default max subscriptions per channel. */
    public static final int DEFAULT_MAX_SUBSCRIPTIONS = 1000;

    public ChannelLimits {
        Objects.requireNonNull(maxAge, "maxAge");
        Objects.requireNonNull(maxInactivity, "maxInactivity");
    }

    /** The original server's defaults: 1,000,000 messages, 1,024,000,000 bytes, 1000 subscriptions. */
    public static ChannelLimits defaults() {
        return new ChannelLimits(DEFAULT_MAX_MSGS, DEFAULT_MAX_BYTES, Duration.ZERO,
                DEFAULT_MAX_SUBSCRIPTIONS, Duration.ZERO);
    }

    /** No limit at all. */
    public static ChannelLimits unlimited() {
        return new ChannelLimits(0, 0, Duration.ZERO, 0, Duration.ZERO);
    }

    /** An override that inherits everything; combine with the {@code with*} methods. */
    public static ChannelLimits inherit() {
        return unlimited();
    }

    public ChannelLimits withMaxMsgs(long value) {
        return new ChannelLimits(value, maxBytes, maxAge, maxSubscriptions, maxInactivity);
    }

    public ChannelLimits withMaxBytes(long value) {
        return new ChannelLimits(maxMsgs, value, maxAge, maxSubscriptions, maxInactivity);
    }

    public ChannelLimits withMaxAge(Duration value) {
        return new ChannelLimits(maxMsgs, maxBytes, value, maxSubscriptions, maxInactivity);
    }

    public ChannelLimits withMaxSubscriptions(int value) {
        return new ChannelLimits(maxMsgs, maxBytes, maxAge, value, maxInactivity);
    }

    public ChannelLimits withMaxInactivity(Duration value) {
        return new ChannelLimits(maxMsgs, maxBytes, maxAge, maxSubscriptions, value);
    }

    /** These limits with every zero (inherited) field taken from {@code wider}. */
    ChannelLimits inheritFrom(ChannelLimits wider) {
        return new ChannelLimits(
                maxMsgs != 0 ? maxMsgs : wider.maxMsgs,
                maxBytes != 0 ? maxBytes : wider.maxBytes,
                !maxAge.isZero() ? maxAge : wider.maxAge,
                maxSubscriptions != 0 ? maxSubscriptions : wider.maxSubscriptions,
                !maxInactivity.isZero() ? maxInactivity : wider.maxInactivity);
    }

    /** These limits with every negative (explicitly unlimited) field turned into 0. */
    ChannelLimits effective() {
        return new ChannelLimits(
                Math.max(0, maxMsgs),
                Math.max(0, maxBytes),
                maxAge.isNegative() ? Duration.ZERO : maxAge,
                Math.max(0, maxSubscriptions),
                maxInactivity.isNegative() ? Duration.ZERO : maxInactivity);
    }

    void requireNonNegative(String what) {
        check(what, "max_msgs", maxMsgs < 0, maxMsgs);
        check(what, "max_bytes", maxBytes < 0, maxBytes);
        check(what, "max_age", maxAge.isNegative(), maxAge);
        check(what, "max_subs", maxSubscriptions < 0, maxSubscriptions);
        check(what, "max_inactivity", maxInactivity.isNegative(), maxInactivity);
    }

    private static void check(String what, String name, boolean negative, Object value) {
        if (negative) {
            throw new IllegalArgumentException(what + " " + name + ": " + value + " (expected: >= 0)");
        }
    }
}
