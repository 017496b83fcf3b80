package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.Payloads;
import io.natsjms.benchmarks.Sample;
import io.natsjms.benchmarks.Summary;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The results of a {@link ServerHarness} run by case and repetition, rendered as two Markdown tables:
 * throughput with the ratio to the case's ceiling (computed per repetition from runs taken in the same
 * repetition, then summarised), and latency.
 */
final class ServerTable {

    private record Key(String caseName, int rep) {
    }

    private final List<ServerCase> cases;
    private final int reps;
    private final Map<Key, Sample> samples = new HashMap<>();
    private final Map<Key, LatencyResult> latencies = new HashMap<>();

    ServerTable(List<ServerCase> cases, int reps) {
        this.cases = List.copyOf(cases);
        this.reps = reps;
    }

    void add(ServerCase serverCase, int rep, Sample sample) {
        samples.put(new Key(serverCase.name(), rep), sample);
    }

    void add(ServerCase serverCase, int rep, LatencyResult result) {
        latencies.put(new Key(serverCase.name(), rep), result);
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| case | msgs/s median [min–max] | MB/s median | ratio to ceiling (paired per rep) | target | n |\n");
        out.append("|---|---:|---:|---:|---|---:|\n");
        for (ServerCase serverCase : cases) {
            appendThroughput(out, serverCase);
        }
        if (!latencies.isEmpty()) {
            out.append("\n| case | achieved msgs/s | publish→deliver p50 ms | p99 ms | p99.9 ms | publish→PubAck p50 ms "
                    + "| p99 ms | n (msgs per rep) |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (ServerCase serverCase : cases) {
                appendLatency(out, serverCase);
            }
        }
        return out.toString();
    }

    private void appendThroughput(StringBuilder out, ServerCase serverCase) {
        List<Double> rates = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        String reference = serverCase.reference();
        for (int rep = 0; rep < reps; rep++) {
            Sample sample = samples.get(new Key(serverCase.name(), rep));
            if (sample == null) {
                continue;
            }
            rates.add(sample.messagesPerSecond());
            Sample ceiling = reference == null ? null : samples.get(new Key(reference, rep));
            if (ceiling != null) {
                ratios.add(sample.messagesPerSecond() / ceiling.messagesPerSecond());
            }
        }
        if (rates.isEmpty()) {
            return;
        }
        Summary rate = Summary.of(rates);
        String ratioCell = reference == null ? "reference"
                : ratios.isEmpty() ? "— (no " + reference + " run)" : Summary.of(ratios).format("%.2fx") + " of " + reference;
        String target = "";
        if (serverCase.target() > 0) {
            target = String.format(Locale.ROOT, "≥ %.1fx %s", serverCase.target(), reference);
            if (!ratios.isEmpty()) {
                target += Summary.of(ratios).median() >= serverCase.target() ? ": met" : ": not met";
            }
        }
        out.append("| ").append(serverCase.name())
                .append(" | ").append(rate.format("%,.0f"))
                .append(" | ").append(String.format(Locale.ROOT, "%,.1f", Payloads.megabytesPerSecond(rate.median())))
                .append(" | ").append(ratioCell)
                .append(" | ").append(target)
                .append(" | ").append(rate.count())
                .append(" |\n");
    }

    private void appendLatency(StringBuilder out, ServerCase serverCase) {
        List<LatencyResult> results = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            LatencyResult result = latencies.get(new Key(serverCase.name(), rep));
            if (result != null) {
                results.add(result);
            }
        }
        if (results.isEmpty()) {
            return;
        }
        out.append("| ").append(serverCase.name())
                .append(" | ").append(summary(results, LatencyResult::rate, "%,.0f"))
                .append(" | ").append(summary(results, r -> r.deliverP50() / 1000, "%.2f"))
                .append(" | ").append(summary(results, r -> r.deliverP99() / 1000, "%.2f"))
                .append(" | ").append(summary(results, r -> r.deliverP999() / 1000, "%.2f"))
                .append(" | ").append(summary(results, r -> r.ackP50() / 1000, "%.2f"))
                .append(" | ").append(summary(results, r -> r.ackP99() / 1000, "%.2f"))
                .append(" | ").append(results.size()).append(" (")
                .append(String.format(Locale.ROOT, "%,d", results.get(0).count())).append(")")
                .append(" |\n");
    }

    private static String summary(List<LatencyResult> results, ToDoubleFunction<LatencyResult> value, String format) {
        List<Double> values = new ArrayList<>();
        results.forEach(r -> values.add(value.applyAsDouble(r)));
        return Summary.of(values).format(format);
    }
}
