package io.natsjms.server.config;

import io.natsjms.protocol.ChannelNames;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a {@code store_limits} block: the global limits and the per-channel ones. In a per-channel
 * block, as in the original server, 0 means unlimited (it becomes a negative override) and a missing
 * key inherits.
 */
final class LimitsSection {

    private LimitsSection() {
    }

    /** {@code base} with what {@code block} sets. */
    static StoreLimits read(Map<String, ConfigValue> block, StoreLimits base) throws ConfigFileException {
        if (block.isEmpty()) {
            return base;
        }
        int maxChannels = base.maxChannels();
        ChannelLimits defaults = base.channelDefaults();
        Map<String, ChannelLimits> overrides = new LinkedHashMap<>(base.overrides());
        ConfigValue lastChannels = null;
        for (Map.Entry<String, ConfigValue> entry : block.entrySet()) {
            String key = entry.getKey();
            ConfigValue value = entry.getValue();
            switch (key.toLowerCase(Locale.ROOT)) {
                case "max_channels", "mc" -> maxChannels = nonNegative(key, value, value.asInt(key));
                case "channels", "channels_limits", "per_channel", "per_channel_limits" -> {
                    lastChannels = value;
                    readChannels(value.asMap(key), overrides);
                }
                default -> defaults = channelLimit(key, value, defaults, false);
            }
        }
        try {
            return new StoreLimits(maxChannels, defaults, overrides);
        } catch (IllegalArgumentException e) {
            ConfigValue where = lastChannels != null ? lastChannels : block.values().iterator().next();
            throw where.error("store_limits: " + e.getMessage());
        }
    }

    private static void readChannels(Map<String, ConfigValue> channels, Map<String, ChannelLimits> overrides)
            throws ConfigFileException {
        for (Map.Entry<String, ConfigValue> entry : channels.entrySet()) {
            String name = entry.getKey();
            ConfigValue value = entry.getValue();
            if (!ChannelNames.isValidPattern(name)) {
                throw value.error("channel \"" + name + "\" (expected: a channel name or a pattern with * and >)");
            }
            ChannelLimits limits = overrides.getOrDefault(name, ChannelLimits.inherit());
            for (Map.Entry<String, ConfigValue> limit : value.asMap(name).entrySet()) {
                limits = channelLimit(limit.getKey(), limit.getValue(), limits, true);
            }
            overrides.put(name, limits);
        }
    }

    /** {@code limits} with the channel limit {@code key} set; per channel, 0 turns into unlimited. */
    private static ChannelLimits channelLimit(String key, ConfigValue value, ChannelLimits limits, boolean perChannel)
            throws ConfigFileException {
        switch (key.toLowerCase(Locale.ROOT)) {
            case "max_msgs", "mm", "max_count" -> {
                long v = nonNegative(key, value, value.asLong(key));
                return limits.withMaxMsgs(perChannel && v == 0 ? -1 : v);
            }
            case "max_bytes", "mb" -> {
                long v = nonNegative(key, value, value.asSize(key));
                return limits.withMaxBytes(perChannel && v == 0 ? -1 : v);
            }
            case "max_subs", "max_subscriptions", "msu" -> {
                int v = nonNegative(key, value, value.asInt(key));
                return limits.withMaxSubscriptions(perChannel && v == 0 ? -1 : v);
            }
            case "max_age", "ma" -> {
                Duration v = nonNegative(key, value, value.asDuration(key));
                return limits.withMaxAge(perChannel && v.isZero() ? Duration.ofNanos(-1) : v);
            }
            case "max_inactivity", "mi" -> {
                Duration v = nonNegative(key, value, value.asDuration(key));
                return limits.withMaxInactivity(perChannel && v.isZero() ? Duration.ofNanos(-1) : v);
            }
            default -> throw value.error("unknown key '" + key + "' in " + (perChannel ? "a channel's limits"
                    : "store_limits") + " (expected: max_msgs, max_bytes, max_age, max_subs or max_inactivity"
                    + (perChannel ? ")" : ", max_channels or channels)"));
        }
    }

    private static long nonNegative(String key, ConfigValue value, long v) throws ConfigFileException {
        if (v < 0) {
            throw value.expected(key, ">= 0");
        }
        return v;
    }

    private static int nonNegative(String key, ConfigValue value, int v) throws ConfigFileException {
        return (int) nonNegative(key, value, (long) v);
    }

    private static Duration nonNegative(String key, ConfigValue value, Duration v) throws ConfigFileException {
        if (v.isNegative()) {
            throw value.expected(key, ">= 0");
        }
        return v;
    }
}
