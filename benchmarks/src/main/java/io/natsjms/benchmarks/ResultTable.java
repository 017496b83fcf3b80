package io.natsjms.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The samples of a {@link StoreHarness} run, by case, batch size and repetition, rendered as a
 * Markdown table. The ratio to {@code raw} is computed per repetition from the two runs taken back
 * to back, then summarised, so that load changing between repetitions cancels out as far as it can.
 */
final class ResultTable {

    private record Key(String caseName, int batch) {
    }

    private final List<String> cases;
    private final List<Integer> batches;
    private final Repetitions<Key> rates = new Repetitions<>();

    ResultTable(List<String> cases, List<Integer> batches) {
        this.cases = List.copyOf(cases);
        this.batches = List.copyOf(batches);
    }

    void add(String caseName, int batch, int rep, Sample sample) {
        rates.add(new Key(caseName, batch), rep, sample.messagesPerSecond());
    }

    /** The Markdown table: one row per batch size and case, {@code raw} rows first if present. */
    String render() {
        MarkdownTable table = new MarkdownTable().left("case").right("batch").right("msgs/s median [min–max]")
                .right("MB/s median").right("ratio to raw (paired per rep)").right("n");
        for (int batch : batches) {
            for (String caseName : cases) {
                Key key = new Key(caseName, batch);
                Optional<Summary> rate = rates.summary(key);
                if (rate.isEmpty()) {
                    continue;
                }
                table.row(caseName, String.valueOf(batch), rate.get().format("%,.0f"),
                        String.format(Locale.ROOT, "%,.1f", Payloads.megabytesPerSecond(rate.get().median())),
                        ratioCell(caseName, rates.ratios(key, new Key(RawFileTarget.NAME, batch))),
                        String.valueOf(rate.get().count()));
            }
        }
        return table.render();
    }

    private static String ratioCell(String caseName, List<Double> ratios) {
        if (caseName.equals(RawFileTarget.NAME)) {
            return "1 (reference)";
        }
        return ratios.isEmpty() ? "—" : Summary.of(ratios).format(Summary.ratioFormat(ratios));
    }
}
