package io.natsjms.benchmarks.peer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server command line with placeholders, split on blanks (no quoting: a path with a blank in it
 * cannot be given). {@code {port}}, {@code {dir}} and {@code {cluster}} are filled in per run; any other
 * {@code {name}} is refused when the template is made, so that a typo does not reach the server.
 */
record CommandTemplate(List<String> words) {

    static final String PORT = "{port}";
    static final String DIR = "{dir}";
    static final String CLUSTER = "{cluster}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");
    private static final List<String> KNOWN = List.of(PORT, DIR, CLUSTER);

    CommandTemplate {
        words = List.copyOf(words);
        if (words.isEmpty()) {
            throw new IllegalArgumentException("command: empty (expected: a program and its arguments)");
        }
        for (String word : words) {
            Matcher matcher = PLACEHOLDER.matcher(word);
            while (matcher.find()) {
                if (!KNOWN.contains(matcher.group())) {
                    throw new IllegalArgumentException("command: unknown placeholder " + matcher.group() + " in \""
                            + String.join(" ", words) + "\" (expected: " + String.join(", ", KNOWN) + ")");
                }
            }
        }
        if (words.stream().noneMatch(word -> word.contains(PORT))) {
            throw new IllegalArgumentException("command: \"" + String.join(" ", words) + "\" has no " + PORT
                    + " (expected: the server to listen on the port the harness picks)");
        }
    }

    /** Splits {@code text} on blanks. */
    static CommandTemplate parse(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return new CommandTemplate(words);
    }

    /** The command with the placeholders filled in. */
    List<String> fill(int port, Path dir, String cluster) {
        Map<String, String> values = Map.of(PORT, String.valueOf(port), DIR, dir.toString(), CLUSTER, cluster);
        List<String> filled = new ArrayList<>(words.size());
        for (String word : words) {
            for (Map.Entry<String, String> value : values.entrySet()) {
                word = word.replace(value.getKey(), value.getValue());
            }
            filled.add(word);
        }
        return filled;
    }

    @Override
    public String toString() {
        return String.join(" ", words);
    }
}
