package io.natsjms.server.monitor;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** The parameters of a request's query string; the first value wins when one is repeated. */
final class Query {

    private final Map<String, String> values;

    private Query(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw (still percent-encoded) query; {@code null} is an empty one. */
    static Query parse(String rawQuery) {
        Map<String, String> values = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                values.putIfAbsent(name, value);
            }
        }
        return new Query(values);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    /** The value of {@code name}, empty when absent. */
    String get(String name) {
        return values.getOrDefault(name, "");
    }

    /**
     * The integer value of {@code name}, or {@code absent} when it is missing or empty.
     *
     * @throws BadRequest if the value is not an integer
     */
    int intValue(String name, int absent) throws BadRequest {
        String value = get(name);
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new BadRequest(name + ": \"" + value + "\" (expected: an integer)");
        }
    }

    /** Whether {@code subs=1} was asked for. */
    boolean withSubscriptions() throws BadRequest {
        return intValue("subs", 0) == 1;
    }
}
