package io.natsjms.store;

import io.natsjms.protocol.ChannelNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The limits of a store: the number of channels, the default channel limits, and per-channel
 * overrides keyed by a channel name or a pattern with {@code *} and {@code >} wildcards.
 *
 * <p>The limits of a channel are resolved by starting from the defaults and applying every matching
 * override from the least to the most specific (a literal name is the most specific; among patterns,
 * the one with more literal tokens, then more tokens, then without {@code >} is more specific). An
 * override's zero fields inherit, its negative fields mean unlimited.
 *
 * @param maxChannels most channels in the store; 0 means unlimited
 * @param channelDefaults limits of a channel no override matches; must not be negative
 * @param overrides   per-channel overrides by name or pattern
 */
public record StoreLimits(int maxChannels, ChannelLimits channelDefaults, Map<String, ChannelLimits> overrides) {

    /** The original server's default max channels. */
    public static final int DEFAULT_MAX_CHANNELS = 100;

    public StoreLimits {
        Objects.requireNonNull(channelDefaults, "channelDefaults");
        if (maxChannels < 0) {
            throw new IllegalArgumentException("max_channels: " + maxChannels + " (expected: >= 0)");
        }
        channelDefaults.requireNonNegative("default");
        overrides = Map.copyOf(overrides);
        long literals = 0;
        for (String key : overrides.keySet()) {
            ChannelNames.requireValidPattern(key);
            if (ChannelNames.isValid(key)) {
                literals++;
            }
        }
        if (maxChannels > 0 && literals > maxChannels) {
            throw new IllegalArgumentException("too many channels defined (" + literals
                    + "). The max channels limit is set to " + maxChannels);
        }
    }

    /** The original server's defaults, without overrides. */
    public static StoreLimits defaults() {
        return new StoreLimits(DEFAULT_MAX_CHANNELS, ChannelLimits.defaults(), Map.of());
    }

    /** No limit at all. */
    public static StoreLimits unlimited() {
        return new StoreLimits(0, ChannelLimits.unlimited(), Map.of());
    }

    public StoreLimits withMaxChannels(int value) {
        return new StoreLimits(value, channelDefaults, overrides);
    }

    public StoreLimits withChannelDefaults(ChannelLimits value) {
        return new StoreLimits(maxChannels, value, overrides);
    }

    public StoreLimits withOverrides(Map<String, ChannelLimits> value) {
        return new StoreLimits(maxChannels, channelDefaults, value);
    }

    /** The effective limits of {@code channel} (0 = unlimited in every field). */
    public ChannelLimits forChannel(String channel) {
        List<String> matching = new ArrayList<>();
        for (String pattern : overrides.keySet()) {
            if (matches(pattern, channel)) {
                matching.add(pattern);
            }
        }
        matching.sort(SPECIFICITY);
        ChannelLimits result = channelDefaults;
        for (String pattern : matching) {
            result = overrides.get(pattern).inheritFrom(result);
        }
        return result.effective();
    }

    /** Least specific first. */
    private static final Comparator<String> SPECIFICITY = Comparator
            .comparing((String p) -> ChannelNames.isValid(p))
            .thenComparingInt(StoreLimits::literalTokens)
            .thenComparingInt(p -> p.split("\\.", -1).length)
            .thenComparing(p -> !p.endsWith(">"))
            .thenComparing(Comparator.naturalOrder());

    private static int literalTokens(String pattern) {
        int n = 0;
        for (String token : pattern.split("\\.", -1)) {
            if (!token.equals("*") && !token.equals(">")) {
                n++;
            }
        }
        return n;
    }

    static boolean matches(String pattern, String channel) {
        String[] p = pattern.split("\\.", -1);
        String[] c = channel.split("\\.", -1);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals(">")) {
                return c.length > i;
            }
            if (i >= c.length || !(p[i].equals("*") || p[i].equals(c[i]))) {
                return false;
            }
        }
        return p.length == c.length;
    }
}
