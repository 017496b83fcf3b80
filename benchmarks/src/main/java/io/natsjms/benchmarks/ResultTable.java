package io.natsjms.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The samples of a {@link StoreHarness} run, by case, batch size and repetition, rendered as a
 * Markdown table. The ratio to {@code raw} is computed per repetition from the two runs taken back
 * to back, then summarised, so that load changing between repetitions cancels out as far as it can.
 */
final class ResultTable {

    private record Key(String caseName, int batch, int rep) {
    }

    private final List<String> cases;
    private final List<Integer> batches;
    private final int reps;
    private final Map<Key, Sample> samples = new HashMap<>();

    ResultTable(List<String> cases, List<Integer> batches, int reps) {
        this.cases = List.copyOf(cases);
        this.batches = List.copyOf(batches);
        this.reps = reps;
    }

    void add(String caseName, int batch, int rep, Sample sample) {
        samples.put(new Key(caseName, batch, rep), sample);
    }

    /** The Markdown table: one row per batch size and case, {@code raw} rows first if present. */
    String render() {
        StringBuilder out = new StringBuilder();
        out.append("| case | batch | msgs/s median [min–max] | MB/s median | ratio to raw (paired per rep) | n |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        for (int batch : batches) {
            for (String caseName : cases) {
                List<Double> rates = new ArrayList<>();
                List<Double> ratios = new ArrayList<>();
                for (int rep = 0; rep < reps; rep++) {
                    Sample sample = samples.get(new Key(caseName, batch, rep));
                    if (sample == null) {
                        continue;
                    }
                    rates.add(sample.messagesPerSecond());
                    Sample raw = samples.get(new Key(RawFileTarget.NAME, batch, rep));
                    if (raw != null && raw.messagesPerSecond() > 0) {
                        ratios.add(sample.messagesPerSecond() / raw.messagesPerSecond());
                    }
                }
                if (rates.isEmpty()) {
                    continue;
                }
                Summary rate = Summary.of(rates);
                out.append("| ").append(caseName)
                        .append(" | ").append(batch)
                        .append(" | ").append(rate.format("%,.0f"))
                        .append(" | ").append(String.format(Locale.ROOT, "%,.1f",
                                Payloads.megabytesPerSecond(rate.median())))
                        .append(" | ").append(ratioCell(caseName, ratios))
                        .append(" | ").append(rate.count())
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    private static String ratioCell(String caseName, List<Double> ratios) {
        if (caseName.equals(RawFileTarget.NAME)) {
            return "1 (reference)";
        }
        return ratios.isEmpty() ? "—" : Summary.of(ratios).format(ratioFormat(ratios));
    }

    /** Enough digits to tell small ratios (mapdb at batch 1 can be a few percent of raw) apart. */
    private static String ratioFormat(List<Double> ratios) {
        double smallest = ratios.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        if (smallest < 0.1) {
            return "%.3fx";
        }
        return smallest >= 100 ? "%,.0fx" : "%.2fx";
    }
}
