package io.natsjms.jms.config;

import io.natsjms.jms.message.ClassAllowList;
import io.natsjms.protocol.ClientIds;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses and formats the text form of factory property values. Every parse method gets the property's
 * name for its error message, which names the value and what was expected.
 */
final class PropertyValues {

    private PropertyValues() {
    }

    static String text(String key, String text) {
        return text;
    }

    /** A key store type this JVM knows, such as {@code PKCS12} or {@code JKS}. */
    static String storeType(String key, String text) {
        String type = text.trim();
        try {
            java.security.KeyStore.getInstance(type);
        } catch (java.security.KeyStoreException e) {
            throw new IllegalArgumentException(key + ": \"" + type
                    + "\" (expected: a key store type of this JVM, such as PKCS12 or JKS)");
        }
        return type;
    }

    static String clusterId(String key, String text) {
        if (!ClientIds.isValid(text)) {
            throw new IllegalArgumentException(key + ": \"" + text
                    + "\" (expected: one or more of a-z, A-Z, 0-9, '-' and '_')");
        }
        return text;
    }

    /** A positive duration: plain milliseconds or ISO-8601. */
    static Duration millis(String key, String text) {
        Duration value = duration(key, text, false);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(key + ": " + text + " (expected: > 0)");
        }
        if (value.getNano() % 1_000_000 != 0) {
            throw new IllegalArgumentException(key + ": " + text + " (expected: whole milliseconds)");
        }
        return value;
    }

    /** Whole seconds, at least one: a plain number of seconds or ISO-8601. */
    static Duration seconds(String key, String text) {
        Duration value = duration(key, text, true);
        if (value.getSeconds() < 1 || value.getNano() != 0) {
            throw new IllegalArgumentException(key + ": " + text + " (expected: whole seconds, >= 1)");
        }
        return value;
    }

    /** The STAN ping interval: positive, and whole seconds from one second on. */
    static Duration pingInterval(String key, String text) {
        Duration value = millis(key, text);
        if (value.compareTo(Duration.ofSeconds(1)) >= 0 && value.getNano() != 0) {
            throw new IllegalArgumentException(key + ": " + text
                    + " (expected: whole seconds, or milliseconds below one second)");
        }
        return value;
    }

    private static Duration duration(String key, String text, boolean inSeconds) {
        String unit = inSeconds ? "seconds" : "milliseconds";
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("P") || trimmed.startsWith("p") || trimmed.startsWith("-P")) {
                return Duration.parse(trimmed);
            }
            long number = Long.parseLong(trimmed);
            return inSeconds ? Duration.ofSeconds(number) : Duration.ofMillis(number);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" (expected: " + unit
                    + " or an ISO-8601 duration such as PT5S)", e);
        }
    }

    static String formatMillis(Object value) {
        return Long.toString(((Duration) value).toMillis());
    }

    static String formatSeconds(Object value) {
        return Long.toString(((Duration) value).toSeconds());
    }

    static Integer atLeast(String key, String text, int min) {
        int value;
        try {
            value = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": \"" + text + "\" (expected: an integer >= " + min + ")", e);
        }
        if (value < min) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    static Boolean bool(String key, String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return Boolean.valueOf(lower);
        }
        throw new IllegalArgumentException(key + ": \"" + text + "\" (expected: true or false)");
    }

    /** A comma-separated list of packages and classes, checked as a {@link ClassAllowList}. */
    static List<String> classList(String key, String text) {
        List<String> entries = new ArrayList<>();
        for (String entry : text.split(",", -1)) {
            entries.add(entry.trim());
        }
        try {
            return new ClassAllowList(entries).entries();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
    }

    /** A comma-separated list of NATS server URLs, without user info. */
    static List<String> servers(String key, String text) {
        ServerAddresses addresses = ServerAddresses.parse(key, text);
        if (addresses.user() != null) {
            throw new IllegalArgumentException(key + ": user info in a server URL (expected: host[:port] only; "
                    + "give credentials with user and password, or in the url)");
        }
        return addresses.urls();
    }

    @SuppressWarnings("unchecked")
    static String formatList(Object value) {
        return String.join(",", (List<String>) value);
    }
}
