package io.natsjms.server.cli;

import io.natsjms.server.config.ByteSize;
import io.natsjms.server.config.GoDuration;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints the store limits the way the original server does at startup; a {@code *} marks a value
 * that is the original server's default.
 */
final class LimitsTable {

    private LimitsTable() {
    }

    static void print(StoreLimits limits, PrintWriter out) {
        ChannelLimits defaults = ChannelLimits.defaults();
        ChannelLimits global = limits.channelDefaults();
        out.println("---------- Store Limits ----------");
        out.println(row("Channels", count(limits.maxChannels()),
                limits.maxChannels() == StoreLimits.DEFAULT_MAX_CHANNELS));
        out.println("--------- Channels Limits --------");
        out.println(row("  Subscriptions", count(global.maxSubscriptions()),
                global.maxSubscriptions() == defaults.maxSubscriptions()));
        out.println(row("  Messages     ", count(global.maxMsgs()), global.maxMsgs() == defaults.maxMsgs()));
        out.println(row("  Bytes        ", bytes(global.maxBytes()), global.maxBytes() == defaults.maxBytes()));
        out.println(row("  Age          ", duration(global.maxAge()), global.maxAge().equals(defaults.maxAge())));
        out.println(row("  Inactivity   ", duration(global.maxInactivity()),
                global.maxInactivity().equals(defaults.maxInactivity())));
        if (!limits.overrides().isEmpty()) {
            out.println("--------- List of Channels ---------");
            for (Map.Entry<String, ChannelLimits> entry : new TreeMap<>(limits.overrides()).entrySet()) {
                printOverride(entry.getKey(), entry.getValue(), out);
            }
        }
        out.println("----------------------------------");
    }

    private static void printOverride(String channel, ChannelLimits limits, PrintWriter out) {
        out.println(channel);
        if (limits.maxSubscriptions() != 0) {
            out.println(detail("Subscriptions", count(limits.maxSubscriptions())));
        }
        if (limits.maxMsgs() != 0) {
            out.println(detail("Messages", count(limits.maxMsgs())));
        }
        if (limits.maxBytes() != 0) {
            out.println(detail("Bytes", bytes(limits.maxBytes())));
        }
        if (!limits.maxAge().isZero()) {
            out.println(detail("Age", duration(limits.maxAge())));
        }
        if (!limits.maxInactivity().isZero()) {
            out.println(detail("Inactivity", duration(limits.maxInactivity())));
        }
    }

    private static String row(String name, String value, boolean isDefault) {
        return String.format(Locale.ROOT, "%s:%14s%s", name, value, isDefault ? " *" : "");
    }

    private static String detail(String name, String value) {
        return String.format(Locale.ROOT, " |-> %-14s%14s", name, value);
    }

    private static String count(long value) {
        return value <= 0 ? "unlimited" : Long.toString(value);
    }

    private static String bytes(long value) {
        return value <= 0 ? "unlimited" : ByteSize.format(value);
    }

    private static String duration(Duration value) {
        return value.isZero() || value.isNegative() ? "unlimited" : GoDuration.format(value);
    }
}
