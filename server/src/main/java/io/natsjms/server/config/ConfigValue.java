package io.natsjms.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One value of a configuration file with where it was written: a {@code String}, {@code Long},
 * {@code Double}, {@code Boolean}, a {@code Map<String, ConfigValue>} (a block) or a
 * {@code List<ConfigValue>} (an array). The typed accessors convert it or fail naming the key, the
 * value, the file and the line.
 *
 * @param value  the parsed value
 * @param raw    the text as written, for scalars (a bare {@code 10m} is a size but may be meant as a duration)
 * @param source the file's name
 * @param line   the 1-based line the value starts on
 */
record ConfigValue(Object value, String raw, String source, int line) {

    String asString(String key) throws ConfigFileException {
        if (value instanceof Map || value instanceof List) {
            throw expected(key, "a string");
        }
        return value instanceof String s ? s : raw;
    }

    long asLong(String key) throws ConfigFileException {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                throw expected(key, "an integer");
            }
        }
        throw expected(key, "an integer");
    }

    int asInt(String key) throws ConfigFileException {
        long result = asLong(key);
        if (result < Integer.MIN_VALUE || result > Integer.MAX_VALUE) {
            throw expected(key, "an integer below 2^31");
        }
        return (int) result;
    }

    long asSize(String key) throws ConfigFileException {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof String s) {
            try {
                return ByteSize.parse(s);
            } catch (IllegalArgumentException e) {
                throw expected(key, "a size like 1024, 1KB, 10MB or 1GB");
            }
        }
        throw expected(key, "a size like 1024, 1KB, 10MB or 1GB");
    }

    Duration asDuration(String key) throws ConfigFileException {
        if (value instanceof Map || value instanceof List || value instanceof Boolean) {
            throw expected(key, "a duration like 1h30m, 10s or 500ms");
        }
        try {
            return GoDuration.parse(value instanceof String s ? s : raw);
        } catch (IllegalArgumentException e) {
            throw expected(key, "a duration like 1h30m, 10s or 500ms");
        }
    }

    boolean asBoolean(String key) throws ConfigFileException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw expected(key, "true or false");
    }

    @SuppressWarnings("unchecked")
    List<ConfigValue> asList(String key) throws ConfigFileException {
        if (value instanceof List) {
            return (List<ConfigValue>) value;
        }
        throw expected(key, "an array in [ ]");
    }

    @SuppressWarnings("unchecked")
    Map<String, ConfigValue> asMap(String key) throws ConfigFileException {
        if (value instanceof Map) {
            return (Map<String, ConfigValue>) value;
        }
        throw expected(key, "a block in { }");
    }

    ConfigFileException expected(String key, String what) {
        return new ConfigFileException(source, line, key + ": " + shown() + " (expected: " + what + ")");
    }

    ConfigFileException error(String what) {
        return new ConfigFileException(source, line, what);
    }

    private String shown() {
        if (value instanceof Map) {
            return "a block";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof String ? "\"" + value + "\"" : raw;
    }
}
