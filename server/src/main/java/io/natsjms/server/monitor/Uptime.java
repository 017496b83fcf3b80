package io.natsjms.server.monitor;

import java.time.Duration;

/** Formats a server's uptime the way the original does: {@code 45s}, {@code 3m4s}, {@code 1d2h3m4s}, {@code 1y2d3h4m5s}. */
final class Uptime {

    private Uptime() {
    }

    static String format(Duration uptime) {
        long seconds = Math.max(0, uptime.getSeconds());
        long minutes = seconds / 60;
        long hours = minutes / 60;
        long days = hours / 24;
        long years = days / 365;
        if (years > 0) {
            return years + "y" + days % 365 + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (days > 0) {
            return days + "d" + hours % 24 + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (hours > 0) {
            return hours + "h" + minutes % 60 + "m" + seconds % 60 + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + seconds % 60 + "s";
        }
        return seconds + "s";
    }
}
