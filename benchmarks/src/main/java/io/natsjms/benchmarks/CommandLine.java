package io.natsjms.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code --name value} (or {@code --name=value}) arguments of a harness, checked against the
 * names it knows. A name may be repeated; the typed getters take the last value.
 */
public final class CommandLine {

    private final Map<String, List<String>> values;

    private CommandLine(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * @throws IllegalArgumentException naming the argument and what was expected
     */
    public static CommandLine parse(String[] args, Set<String> known) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("argument: \"" + arg + "\" (expected: --name value)");
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException("--" + name + ": no value (expected: --" + name + " value)");
                }
                value = args[++i];
            }
            if (!known.contains(name)) {
                throw new IllegalArgumentException("argument: --" + name + " (expected one of: --"
                        + String.join(", --", new TreeSet<>(known)) + ")");
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return new CommandLine(values);
    }

    /** Every value given for {@code name}, in order; empty if none. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    /** The last value given for {@code name}, or {@code defaultValue}. */
    public String string(String name, String defaultValue) {
        List<String> given = all(name);
        return given.isEmpty() ? defaultValue : given.get(given.size() - 1);
    }

    /** The last value of {@code name} as an integer (underscores allowed) of at least {@code min}. */
    public long longValue(String name, long defaultValue, long min) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": \"" + text + "\" (expected: an integer >= " + min + ")", e);
        }
        if (value < min) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: >= " + min + ")");
        }
        return value;
    }

    /** As {@link #longValue}, limited to the {@code int} range. */
    public int intValue(String name, int defaultValue, int min) {
        long value = longValue(name, defaultValue, min);
        if (value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: <= " + Integer.MAX_VALUE + ")");
        }
        return (int) value;
    }

    /** The last value of {@code name} as a number of seconds of at least {@code min}. */
    public double seconds(String name, double defaultValue, double min) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": \"" + text + "\" (expected: seconds >= " + min + ")", e);
        }
        if (!(value >= min)) {
            throw new IllegalArgumentException("--" + name + ": " + text + " (expected: seconds >= " + min + ")");
        }
        return value;
    }

    /** The comma-separated values of {@code name}, or {@code defaultValue}. */
    public List<String> list(String name, List<String> defaultValue) {
        String text = string(name, null);
        if (text == null) {
            return defaultValue;
        }
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("--" + name + ": \"" + text + "\" (expected: a comma-separated list)");
        }
        return items;
    }

    /**
     * Store options given as {@code --name store.key=value}, grouped by store name, on top of
     * {@code defaults} (a later value for the same store and key wins).
     */
    Map<String, Map<String, String>> storeOptions(String name, Map<String, Map<String, String>> defaults) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        defaults.forEach((store, options) -> result.put(store, new LinkedHashMap<>(options)));
        for (String text : all(name)) {
            int dot = text.indexOf('.');
            int eq = text.indexOf('=');
            if (dot < 1 || eq < dot + 2) {
                throw new IllegalArgumentException("--" + name + ": \"" + text + "\" (expected: store.key=value)");
            }
            result.computeIfAbsent(text.substring(0, dot), k -> new LinkedHashMap<>())
                    .put(text.substring(dot + 1, eq), text.substring(eq + 1));
        }
        return result;
    }

    /** {@code key=value} options (no store prefix), on top of {@code defaults}. */
    public Map<String, String> options(String name, Map<String, String> defaults) {
        Map<String, String> result = new LinkedHashMap<>(defaults);
        for (String text : all(name)) {
            int eq = text.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("--" + name + ": \"" + text + "\" (expected: key=value)");
            }
            result.put(text.substring(0, eq), text.substring(eq + 1));
        }
        return result;
    }
}
