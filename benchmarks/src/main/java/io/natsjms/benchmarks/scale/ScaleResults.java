package io.natsjms.benchmarks.scale;

import io.natsjms.benchmarks.Summary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The measurements of one {@link ScaleHarness} run, collected as they come, and turned into
 * {@link ScaleRow}s (each with its cost per unit) in a fixed order: publish, fan-out, footprint.
 */
final class ScaleResults {

    static final String PUBLISH_RATE = "publish throughput";
    static final String PUBLISH_P99 = "publish -> PubAck p99";
    static final String CREATE = "channel creation (first publish)";
    static final String FANOUT_RATE = "delivery throughput";
    static final String HEAP = "heap after full GC";
    static final String START = "start-up until STAN connect";

    private final Map<String, List<Double>> publishRates = new LinkedHashMap<>();
    private final Map<String, List<Double>> publishP99s = new LinkedHashMap<>();
    private final Map<String, List<Double>> creates = new LinkedHashMap<>();
    private final Map<String, List<Double>> fanoutRates = new LinkedHashMap<>();
    private final List<FootprintRun.Result> footprints = new ArrayList<>();

    private static String key(String store, long scale) {
        return store + "/" + scale;
    }

    void publish(String store, int channels, ChannelsRun.Result result) {
        publishRates.computeIfAbsent(key(store, channels), k -> new ArrayList<>()).add(result.messagesPerSecond());
        publishP99s.computeIfAbsent(key(store, channels), k -> new ArrayList<>()).add(result.ackP99Millis());
        creates.computeIfAbsent(key(store, channels), k -> new ArrayList<>()).add(result.createMicros());
    }

    void fanout(String store, int subscribers, double deliveriesPerSecond) {
        fanoutRates.computeIfAbsent(key(store, subscribers), k -> new ArrayList<>()).add(deliveriesPerSecond);
    }

    void footprint(FootprintRun.Result result) {
        footprints.add(result);
    }

    List<FootprintRun.Result> footprints() {
        return List.copyOf(footprints);
    }

    /** Every figure measured, in the order of the table. */
    List<ScaleRow> rows() {
        List<ScaleRow> rows = new ArrayList<>();
        sorted(publishRates).forEach((key, values) -> rows.add(new ScaleRow(PUBLISH_RATE, series(key), "channels", scale(key),
                "msgs/s", values, 1e6 / Summary.of(values).median(), "µs per publish")));
        sorted(publishP99s).forEach((key, values) -> rows.add(new ScaleRow(PUBLISH_P99, series(key), "channels", scale(key),
                "ms", values, Summary.of(values).median(), "ms")));
        sorted(creates).forEach((key, values) -> rows.add(new ScaleRow(CREATE, series(key), "channels", scale(key),
                "µs per channel", values, Summary.of(values).median(), "µs per channel")));
        sorted(fanoutRates).forEach((key, values) -> rows.add(new ScaleRow(FANOUT_RATE, series(key), "subscribers",
                scale(key), "deliveries/s", values, 1e6 / Summary.of(values).median(), "µs per delivery")));
        FootprintRun.Result empty = footprints.stream().filter(f -> f.kind() == FootprintRun.Kind.EMPTY).findFirst()
                .orElse(null);
        for (FootprintRun.Result result : footprints) {
            String series = switch (result.kind()) {
                case EMPTY -> "empty store";
                case SUBSCRIPTIONS -> "channels x subscriptions";
                case MESSAGES -> "stored messages";
                case RECENT_MESSAGES -> "messages stored just before the start";
            };
            boolean messages = result.kind() == FootprintRun.Kind.MESSAGES
                    || result.kind() == FootprintRun.Kind.RECENT_MESSAGES;
            String per = messages ? "message" : "subscription";
            long scale = result.kind() == FootprintRun.Kind.SUBSCRIPTIONS ? result.items() : result.count();
            String scaleName = messages ? "messages" : "subscriptions";
            rows.add(new ScaleRow(HEAP, series, scaleName, scale, "bytes", result.heapBytes(),
                    perItem(result, empty, result.heapBytes(), empty == null ? null : empty.heapBytes(), 1),
                    "bytes per " + per + " above empty"));
            rows.add(new ScaleRow(START, series, scaleName, scale, "ms", result.startMillis(),
                    perItem(result, empty, result.startMillis(), empty == null ? null : empty.startMillis(), 1000),
                    "µs per " + per + " above empty"));
        }
        return rows;
    }

    /** (median - the empty store's median) / items, times {@code factor}; NaN for the empty store itself. */
    private static double perItem(FootprintRun.Result result, FootprintRun.Result empty, List<Double> values,
                                  List<Double> emptyValues, double factor) {
        if (result.items() == 0 || empty == null) {
            return Double.NaN;
        }
        return (Summary.of(values).median() - Summary.of(emptyValues).median()) * factor / result.items();
    }

    /** The same entries ordered by series, then by scale. */
    private static Map<String, List<Double>> sorted(Map<String, List<Double>> byKey) {
        Map<String, List<Double>> sorted = new LinkedHashMap<>();
        byKey.keySet().stream()
                .sorted(Comparator.comparing(ScaleResults::series).thenComparingLong(ScaleResults::scale))
                .forEach(key -> sorted.put(key, byKey.get(key)));
        return sorted;
    }

    private static String series(String key) {
        return key.substring(0, key.indexOf('/'));
    }

    private static long scale(String key) {
        return Long.parseLong(key.substring(key.indexOf('/') + 1));
    }
}
