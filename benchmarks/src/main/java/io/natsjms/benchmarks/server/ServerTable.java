package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.LatencyResult;
import io.natsjms.benchmarks.MarkdownTable;
import io.natsjms.benchmarks.Payloads;
import io.natsjms.benchmarks.Repetitions;
import io.natsjms.benchmarks.Sample;
import io.natsjms.benchmarks.Summary;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The results of a {@link ServerHarness} run by case and repetition, rendered as two Markdown tables:
 * throughput with the ratio to the case's ceiling (computed per repetition from runs taken in the same
 * repetition, then summarised), and latency.
 */
final class ServerTable {

    /** One number of a latency run: the case and the index of its column in {@link #LATENCY_COLUMNS}. */
    private record LatencyKey(String caseName, int column) {
    }

    /** The latency columns after the case: figure name, value in the table's unit, format. */
    private record LatencyColumn(String title, ToDoubleFunction<LatencyResult> value, String format) {
    }

    private static final List<LatencyColumn> LATENCY_COLUMNS = List.of(
            new LatencyColumn("achieved msgs/s", LatencyResult::rate, "%,.0f"),
            new LatencyColumn("publish→deliver p50 ms", r -> r.deliverP50() / 1000, "%.2f"),
            new LatencyColumn("p99 ms", r -> r.deliverP99() / 1000, "%.2f"),
            new LatencyColumn("p99.9 ms", r -> r.deliverP999() / 1000, "%.2f"),
            new LatencyColumn("publish→PubAck p50 ms", r -> r.ackP50() / 1000, "%.2f"),
            new LatencyColumn("p99 ms", r -> r.ackP99() / 1000, "%.2f"),
            new LatencyColumn("msgs measured per rep", r -> r.count(), "%,.0f"));

    private final List<ServerCase> cases;
    private final Repetitions<String> rates = new Repetitions<>();
    /** Process CPU microseconds per message, by case. */
    private final Repetitions<String> cpu = new Repetitions<>();
    private int reps;
    private final Repetitions<LatencyKey> latencies = new Repetitions<>();

    ServerTable(List<ServerCase> cases) {
        this.cases = List.copyOf(cases);
    }

    void add(ServerCase serverCase, int rep, Sample sample) {
        rates.add(serverCase.name(), rep, sample.messagesPerSecond());
        if (!Double.isNaN(sample.cpuMicrosPerMessage())) {
            cpu.add(serverCase.name(), rep, sample.cpuMicrosPerMessage());
        }
        reps = Math.max(reps, rep + 1);
    }

    void add(ServerCase serverCase, int rep, LatencyResult result) {
        for (int i = 0; i < LATENCY_COLUMNS.size(); i++) {
            latencies.add(new LatencyKey(serverCase.name(), i), rep, LATENCY_COLUMNS.get(i).value().applyAsDouble(result));
        }
    }

    String render() {
        MarkdownTable throughput = new MarkdownTable().left("case").right("msgs/s median [min–max]").right("MB/s median")
                .right("ratio to ceiling (paired per rep)").left("target").right("process CPU µs/msg").right("n");
        for (ServerCase serverCase : cases) {
            appendThroughput(throughput, serverCase);
        }
        MarkdownTable latency = new MarkdownTable().left("case");
        LATENCY_COLUMNS.forEach(column -> latency.right(column.title()));
        latency.right("n");
        for (ServerCase serverCase : cases) {
            appendLatency(latency, serverCase);
        }
        return throughput.render() + cpuBound() + (latency.isEmpty() ? "" : "\n" + latency.render());
    }

    private void appendThroughput(MarkdownTable table, ServerCase serverCase) {
        Optional<Summary> rate = rates.summary(serverCase.name());
        if (rate.isEmpty()) {
            return;
        }
        String reference = serverCase.reference();
        List<Double> ratios = reference == null ? List.of() : rates.ratios(serverCase.name(), reference);
        String ratioCell = reference == null ? "reference"
                : ratios.isEmpty() ? "— (no " + reference + " run)" : Summary.of(ratios).format("%.2fx") + " of " + reference;
        String target = "";
        if (serverCase.target() > 0) {
            target = String.format(Locale.ROOT, "≥ %.1fx %s", serverCase.target(), reference);
            if (!ratios.isEmpty()) {
                target += Summary.of(ratios).median() >= serverCase.target() ? ": met" : ": not met";
            }
        }
        table.row(serverCase.name(), rate.get().format("%,.0f"),
                String.format(Locale.ROOT, "%,.1f", Payloads.megabytesPerSecond(rate.get().median())),
                ratioCell, target, cpu.summary(serverCase.name()).map(c -> c.format("%.1f")).orElse(""),
                String.valueOf(rate.get().count()));
    }

    /**
     * What the cores allow a publish to the MapDB store at most: a message costs at least the CPU of the
     * transport alone ({@code acked}: clients, broker, no STAN, no store) plus that of the store alone
     * ({@code store}), so the process cannot go faster than its cores divided by that sum. Given per
     * repetition as msgs/s and as a ratio to the store ceiling; empty unless both cases ran.
     */
    private String cpuBound() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Double> bounds = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int rep = 0; rep < reps; rep++) {
            Optional<Double> acked = cpu.value("acked", rep);
            Optional<Double> store = cpu.value("store", rep);
            Optional<Double> storeRate = rates.value("store", rep);
            if (acked.isPresent() && store.isPresent() && storeRate.isPresent()) {
                double bound = cores * 1e6 / (acked.get() + store.get());
                bounds.add(bound);
                ratios.add(bound / storeRate.get());
            }
        }
        if (bounds.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "%nCPU bound of a publish to the store on %d cores (cores ÷ (CPU per message of"
                + " acked + of store)): %s msgs/s, %s of store%n", cores, Summary.of(bounds).format("%,.0f"),
                Summary.of(ratios).format("%.2fx"));
    }

    private void appendLatency(MarkdownTable table, ServerCase serverCase) {
        if (latencies.summary(new LatencyKey(serverCase.name(), 0)).isEmpty()) {
            return;
        }
        String[] cells = new String[LATENCY_COLUMNS.size() + 2];
        cells[0] = serverCase.name();
        Summary summary = null;
        for (int i = 0; i < LATENCY_COLUMNS.size(); i++) {
            summary = latencies.summary(new LatencyKey(serverCase.name(), i)).orElseThrow();
            cells[i + 1] = summary.format(LATENCY_COLUMNS.get(i).format());
        }
        cells[cells.length - 1] = String.valueOf(summary.count());
        table.row(cells);
    }
}
