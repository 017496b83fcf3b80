package io.natsjms.server.monitor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format, version 0.0.4, for tests: it fails on
 * anything a Prometheus server would refuse or that breaks the format's rules (names, escapes,
 * values, a TYPE after samples or twice, a family split, a duplicate series, a counter not named
 * {@code _total}, histogram buckets not cumulative or without {@code +Inf}, {@code _count} other
 * than the {@code +Inf} bucket), and hands back the families it read.
 */
final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Pattern COMMENT = Pattern.compile("# (HELP|TYPE) (" + METRIC_NAME + ") ?(.*)");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /** One sample line. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    /** One metric family: its TYPE, HELP and samples in order. */
    record Family(String name, String type, String help, List<Sample> samples) {

        /** The value of the one sample named {@code name} with exactly these labels. */
        Optional<Double> value(String sampleName, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
                    .map(Sample::value).findFirst();
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();

    private PrometheusText() {
    }

    /**
     * Reads a whole exposition.
     *
     * @throws IllegalArgumentException naming the line and what is wrong
     */
    static Map<String, Family> parse(String text) {
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a newline");
        }
        PrometheusText reader = new PrometheusText();
        String[] lines = text.split("\n", -1);
        String current = null;
        Set<String> finished = new HashSet<>();
        Set<String> series = new HashSet<>();
        for (int i = 0; i < lines.length - 1; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " \"" + line + "\": ";
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                Matcher comment = COMMENT.matcher(line);
                if (!comment.matches()) {
                    continue; // a plain comment
                }
                String name = comment.group(2);
                if (!name.equals(current)) {
                    if (current != null) {
                        finished.add(current);
                    }
                    if (finished.contains(name)) {
                        throw new IllegalArgumentException(where + "family " + name + " appears twice");
                    }
                    current = name;
                }
                reader.comment(comment.group(1), name, comment.group(3), where);
                continue;
            }
            Sample sample = sample(line, where);
            String family = reader.familyOf(sample.name());
            if (!family.equals(current)) {
                if (current != null) {
                    finished.add(current);
                }
                if (finished.contains(family)) {
                    throw new IllegalArgumentException(where + "family " + family + " is split");
                }
                current = family;
            }
            if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                throw new IllegalArgumentException(where + "duplicate series");
            }
            reader.families.computeIfAbsent(family, f -> new Family(f, "untyped", "", new ArrayList<>()))
                    .samples().add(sample);
        }
        reader.families.values().forEach(PrometheusText::check);
        return reader.families;
    }

    private void comment(String kind, String name, String rest, String where) {
        Family family = families.get(name);
        if (family != null && !family.samples().isEmpty()) {
            throw new IllegalArgumentException(where + kind + " after the samples of " + name);
        }
        Family base = family != null ? family : new Family(name, "untyped", "", new ArrayList<>());
        if (kind.equals("TYPE")) {
            if (!TYPES.contains(rest)) {
                throw new IllegalArgumentException(where + "type " + rest + " (expected one of " + TYPES + ")");
            }
            if (family != null && !family.type().equals("untyped")) {
                throw new IllegalArgumentException(where + "a second TYPE for " + name);
            }
            families.put(name, new Family(name, rest, base.help(), base.samples()));
        } else {
            families.put(name, new Family(name, base.type(), unescapeHelp(rest, where), base.samples()));
        }
    }

    /** The family a sample belongs to: its own name, or that minus a histogram's or summary's suffix. */
    private String familyOf(String sampleName) {
        for (String suffix : new String[] {"_bucket", "_count", "_sum"}) {
            if (sampleName.endsWith(suffix)) {
                String base = sampleName.substring(0, sampleName.length() - suffix.length());
                Family family = families.get(base);
                if (family != null && (family.type().equals("histogram") || family.type().equals("summary"))) {
                    return base;
                }
            }
        }
        return sampleName;
    }

    private static Sample sample(String line, String where) {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
            at++;
        }
        String name = line.substring(0, at);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where + "metric name \"" + name + "\"");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels, where);
        }
        if (at >= line.length() || line.charAt(at) != ' ') {
            throw new IllegalArgumentException(where + "no value");
        }
        String[] rest = line.substring(at + 1).split(" ", -1);
        if (rest.length > 2) {
            throw new IllegalArgumentException(where + "more than a value and a timestamp");
        }
        if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
            throw new IllegalArgumentException(where + "timestamp \"" + rest[1] + "\"");
        }
        return new Sample(name, labels, value(rest[0], where));
    }

    private static int labels(String line, int at, Map<String, String> labels, String where) {
        while (true) {
            if (at < line.length() && line.charAt(at) == '}') {
                return at + 1;
            }
            int eq = line.indexOf("=\"", at);
            if (eq < 0) {
                throw new IllegalArgumentException(where + "a label without =\"");
            }
            String label = line.substring(at, eq);
            if (!LABEL_NAME.matcher(label).matches() || label.startsWith("__")) {
                throw new IllegalArgumentException(where + "label name \"" + label + "\"");
            }
            StringBuilder value = new StringBuilder();
            int i = eq + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    char next = i + 1 < line.length() ? line.charAt(++i) : ' ';
                    switch (next) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw new IllegalArgumentException(where + "escape \\" + next + " in a label");
                    }
                } else {
                    value.append(c);
                }
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException(where + "unterminated label value");
            }
            if (labels.put(label, value.toString()) != null) {
                throw new IllegalArgumentException(where + "label " + label + " twice");
            }
            at = i + 1;
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            } else if (at >= line.length() || line.charAt(at) != '}') {
                throw new IllegalArgumentException(where + "expected , or } after a label");
            }
        }
    }

    private static double value(String text, String where) {
        switch (text) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                if (!text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                    throw new IllegalArgumentException(where + "value \"" + text + "\"");
                }
                return Double.parseDouble(text);
        }
    }

    private static String unescapeHelp(String text, String where) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                char next = i + 1 < text.length() ? text.charAt(++i) : ' ';
                switch (next) {
                    case '\\' -> out.append('\\');
                    case 'n' -> out.append('\n');
                    default -> throw new IllegalArgumentException(where + "escape \\" + next + " in HELP");
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void check(Family family) {
        String name = family.name();
        switch (family.type()) {
            case "counter" -> {
                if (!name.endsWith("_total")) {
                    throw new IllegalArgumentException("counter " + name + " is not named _total");
                }
                for (Sample sample : family.samples()) {
                    if (!sample.name().equals(name) || sample.value() < 0 || Double.isNaN(sample.value())) {
                        throw new IllegalArgumentException("counter " + name + ": sample " + sample);
                    }
                }
            }
            case "histogram" -> checkHistogram(family);
            default -> {
                for (Sample sample : family.samples()) {
                    if (!sample.name().equals(name)) {
                        throw new IllegalArgumentException(family.type() + " " + name + ": sample " + sample.name());
                    }
                }
            }
        }
    }

    private static void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        Set<Map<String, String>> sums = new HashSet<>();
        for (Sample sample : family.samples()) {
            Map<String, String> series = new TreeMap<>(sample.labels());
            String suffix = sample.name().substring(family.name().length());
            switch (suffix) {
                case "_bucket" -> {
                    String le = series.remove("le");
                    if (le == null) {
                        throw new IllegalArgumentException(family.name() + ": a bucket without le");
                    }
                    buckets.computeIfAbsent(series, s -> new ArrayList<>()).add(sample);
                }
                case "_count" -> counts.put(series, sample.value());
                case "_sum" -> sums.add(series);
                default -> throw new IllegalArgumentException(family.name() + ": sample " + sample.name());
            }
        }
        for (Map.Entry<Map<String, String>, List<Sample>> entry : buckets.entrySet()) {
            double lastBound = Double.NEGATIVE_INFINITY;
            double lastCount = 0;
            for (Sample bucket : entry.getValue()) {
                double bound = value(bucket.labels().get("le"), family.name() + " le: ");
                if (bound <= lastBound || bucket.value() < lastCount) {
                    throw new IllegalArgumentException(family.name() + ": buckets not ascending or not cumulative at le="
                            + bucket.labels().get("le"));
                }
                lastBound = bound;
                lastCount = bucket.value();
            }
            if (lastBound != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(family.name() + ": no +Inf bucket");
            }
            Double count = counts.get(entry.getKey());
            if (count == null || count != lastCount || !sums.contains(entry.getKey())) {
                throw new IllegalArgumentException(family.name() + ": _count " + count + " and _sum must go with"
                        + " the +Inf bucket " + lastCount);
            }
        }
    }
}
