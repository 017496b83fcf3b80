package io.natsjms.server.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written as Go writes them: one or more decimal numbers each followed by a unit
 * ({@code ns}, {@code us}/{@code µs}, {@code ms}, {@code s}, {@code m}, {@code h}), such as
 * {@code 1h30m}, {@code 10s}, {@code 1.5s} or {@code 500ms}; a bare {@code 0} is zero.
 */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+\\.?\\d*|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /**
     * Parses a Go duration string.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static Duration parse(String text) {
        String value = text.trim();
        boolean negative = value.startsWith("-");
        if (negative || value.startsWith("+")) {
            value = value.substring(1);
        }
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = PART.matcher(value);
        BigDecimal nanos = BigDecimal.ZERO;
        int position = 0;
        while (position < value.length()) {
            if (!matcher.find(position) || matcher.start() != position) {
                throw invalid(text);
            }
            nanos = nanos.add(new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unitNanos(matcher.group(2)))));
            position = matcher.end();
        }
        if (position == 0) {
            throw invalid(text);
        }
        try {
            Duration result = Duration.ofNanos(nanos.longValueExact());
            return negative ? result.negated() : result;
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too long (expected: a duration below 292 years)", e);
        }
    }

    private static long unitNanos(String unit) {
        switch (unit) {
            case "ns":
                return 1;
            case "ms":
                return 1_000_000;
            case "s":
                return 1_000_000_000L;
            case "m":
                return 60_000_000_000L;
            case "h":
                return 3_600_000_000_000L;
            default:
                return 1_000; // us, µs (micro sign) and μs (Greek mu)
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a duration (expected: numbers with units "
                + "h, m, s, ms, us or ns, like 1h30m, 10s, 500ms)");
    }

    /** Formats a duration as Go prints one ({@code 1h30m0s}, {@code 10s}, {@code 500ms}). */
    public static String format(Duration duration) {
        if (duration.isZero()) {
            return "0s";
        }
        String sign = duration.isNegative() ? "-" : "";
        Duration d = duration.abs();
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            long nanos = d.toNanos();
            if (nanos < 1_000) {
                return sign + nanos + "ns";
            }
            return sign + (nanos < 1_000_000 ? decimal(nanos, 1_000) + "µs" : decimal(nanos, 1_000_000) + "ms");
        }
        StringBuilder out = new StringBuilder(sign);
        long hours = d.toHours();
        if (hours > 0) {
            out.append(hours).append('h');
        }
        if (hours > 0 || d.toMinutesPart() > 0) {
            out.append(d.toMinutesPart()).append('m');
        }
        long secondNanos = d.toSecondsPart() * 1_000_000_000L + d.toNanosPart();
        return out.append(decimal(secondNanos, 1_000_000_000L)).append('s').toString();
    }

    private static String decimal(long value, long unit) {
        return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(unit)).stripTrailingZeros()
                .toPlainString().toLowerCase(Locale.ROOT);
    }
}
