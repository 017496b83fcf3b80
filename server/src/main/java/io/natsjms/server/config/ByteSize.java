package io.natsjms.server.config;

import java.util.Locale;

/**
 * Sizes as the original server writes them: a number of bytes, optionally followed by a unit
 * ({@code K}/{@code KB}, {@code M}/{@code MB}, {@code G}/{@code GB}, {@code T}/{@code TB}, any case),
 * each unit being 1024 times the previous one.
 */
public final class ByteSize {

    private ByteSize() {
    }

    /**
     * Parses a size such as {@code 1024}, {@code 1KB}, {@code 10MB} or {@code 1GB}.
     *
     * @throws IllegalArgumentException naming the value and the expected form
     */
    public static long parse(String text) {
        String value = text.trim().toUpperCase(Locale.ROOT);
        int end = 0;
        if (end < value.length() && value.charAt(end) == '-') {
            end++;
        }
        while (end < value.length() && Character.isDigit(value.charAt(end))) {
            end++;
        }
        String digits = value.substring(0, end);
        if (digits.isEmpty() || digits.equals("-")) {
            throw invalid(text);
        }
        long multiplier = multiplier(value.substring(end).trim(), text);
        try {
            return Math.multiplyExact(Long.parseLong(digits), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too large (expected: a size below 8 EB)", e);
        }
    }

    private static long multiplier(String unit, String text) {
        switch (unit) {
            case "":
            case "B":
                return 1;
            case "K":
            case "KB":
                return 1L << 10;
            case "M":
            case "MB":
                return 1L << 20;
            case "G":
            case "GB":
                return 1L << 30;
            case "T":
            case "TB":
                return 1L << 40;
            default:
                throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a size (expected: bytes, or a number "
                + "followed by KB, MB, GB or TB, like 1KB, 10MB, 1GB)");
    }

    /** Formats a byte count the way the original server's limits table does ({@code 976.56 MB}). */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
    }
}
