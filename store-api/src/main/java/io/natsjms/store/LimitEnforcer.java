package io.natsjms.store;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Applies the effective limits of one channel: max messages and max bytes after each append (and at
 * recovery), max age on {@link #applyMaxAge}, max subscriptions before a subscription is created.
 * Every store uses it by composition so that all stores drop exactly the same messages.
 *
 * <p>It keeps no state about the log; the only state is whether the "reached limits" warning was
 * logged already (it is logged once per channel). Callers serialize the calls for one log.
 */
public final class LimitEnforcer {

    private static final System.Logger LOG = System.getLogger(LimitEnforcer.class.getName());

    private final String channel;
    private final ChannelLimits limits;
    /** Whether the size-limit warning was logged for this channel. */
    private volatile boolean warned;

    /**
     * @param channel the channel's name, used in messages
     * @param limits  its effective limits (0 = unlimited; none negative)
     */
    public LimitEnforcer(String channel, ChannelLimits limits) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.limits = Objects.requireNonNull(limits, "limits");
        limits.requireNonNegative("channel \"" + channel + "\"");
    }

    public ChannelLimits limits() {
        return limits;
    }

    /**
     * Drops the oldest messages while the count is over max messages or the bytes over max bytes,
     * but never the newest one: a single message larger than max bytes is kept.
     *
     * @return how many messages were dropped
     */
    public int applySizeLimits(MessageLog log) {
        int dropped = 0;
        while (log.count() > 1 && overSize(log)) {
            if (!warned) {
                warned = true;
                LOG.log(Level.WARNING, () -> "Reached limits for store \"" + channel + "\" (msgs="
                        + log.count() + "/" + limits.maxMsgs() + " bytes=" + log.bytes() + "/"
                        + limits.maxBytes() + "), dropping old messages to make room for new ones");
            }
            log.removeOldest();
            dropped++;
        }
        return dropped;
    }

    private boolean overSize(MessageLog log) {
        return (limits.maxMsgs() > 0 && log.count() > limits.maxMsgs())
                || (limits.maxBytes() > 0 && log.bytes() > limits.maxBytes());
    }

    /**
     * Drops every message whose age at {@code nowNanos} (now minus its timestamp) is at least the
     * channel's max age; the log may end up empty. Does nothing without a max age.
     *
     * @return how many messages were dropped
     */
    public int applyMaxAge(MessageLog log, long nowNanos) {
        if (limits.maxAge().isZero()) {
            return 0;
        }
        long maxAgeNanos = saturatedNanos(limits);
        int dropped = 0;
        while (log.count() > 0 && nowNanos - log.oldestTimestamp() >= maxAgeNanos) {
            log.removeOldest();
            dropped++;
        }
        if (dropped > 0 && LOG.isLoggable(Level.DEBUG)) {
            LOG.log(Level.DEBUG, "channel \"{0}\": {1} messages older than {2} expired",
                    channel, dropped, limits.maxAge());
        }
        return dropped;
    }

    private static long saturatedNanos(ChannelLimits limits) {
        try {
            return limits.maxAge().toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Checks that one more subscription fits in the channel.
     *
     * @param current the number of subscriptions the channel holds now
     * @throws StoreException {@code TOO_MANY_SUBSCRIPTIONS} naming the channel and the limit
     */
    public void checkNewSubscription(long current) {
        int max = limits.maxSubscriptions();
        if (max > 0 && current >= max) {
            throw new StoreException(StoreException.Reason.TOO_MANY_SUBSCRIPTIONS,
                    "too many subscriptions per channel: channel \"" + channel + "\" has " + current
                            + " (max_subs: " + max + ")");
        }
    }
}
