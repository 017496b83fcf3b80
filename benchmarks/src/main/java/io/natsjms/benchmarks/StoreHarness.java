package io.natsjms.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Measures 1 KB appends to {@code raw} (file write + fdatasync), {@code mapdb} and {@code memory}
 * back to back in one process, for each batch size (appends per commit), and prints a Markdown
 * table with msgs/s, MB/s and the ratio to {@code raw} at the same batch size.
 *
 * <p>Runs are interleaved: every repetition runs each batch size for every case in turn (the case
 * order rotates from one repetition to the next), so that slow drifts of the machine's load hit all
 * cases alike. Each run gets a fresh scratch directory that is deleted afterwards.
 *
 * <p>Usage: see {@link HarnessOptions#USAGE}.
 */
public final class StoreHarness {

    private StoreHarness() {
    }

    public static void main(String[] args) {
        Optional<HarnessOptions> options = HarnessArguments.parseOrExit(args, HarnessOptions.USAGE, HarnessOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    /** Runs everything and returns the report (header, table, footer). */
    static String run(HarnessOptions options) {
        String before = MachineLoad.describe(options.directory());
        System.err.println("StoreHarness: " + before);
        if (options.warmupSeconds() > 0) {
            for (int batch : options.batches()) {
                for (AppendCase appendCase : options.cases()) {
                    measure(appendCase, batch, options.warmupSeconds(), options);
                }
            }
        }
        List<String> names = new ArrayList<>();
        options.cases().forEach(c -> names.add(c.name()));
        ResultTable table = new ResultTable(names, options.batches());
        for (int rep = 0; rep < options.reps(); rep++) {
            List<AppendCase> order = RunOrder.rotated(options.cases(), rep);
            for (int batch : options.batches()) {
                for (AppendCase appendCase : order) {
                    Sample sample = measure(appendCase, batch, options.seconds(), options);
                    table.add(appendCase.name(), batch, rep, sample);
                    System.err.printf(Locale.ROOT, "rep %d  %-8s batch %5d  %,12.0f msgs/s  (%,d msgs, load %s)%n",
                            rep + 1, appendCase.name(), batch, sample.messagesPerSecond(), sample.messages(),
                            MachineLoad.now());
                }
            }
        }
        return "StoreHarness: 1 KB appends, " + options.reps() + " reps x " + options.seconds()
                + " s per case, interleaved; options " + describeOptions(options) + "\n"
                + "before: " + before + "\n\n"
                + table.render() + "\n"
                + "after: load average " + MachineLoad.now() + "\n";
    }

    /** One timed run of {@code appendCase} in a fresh scratch directory, deleted afterwards. */
    static Sample measure(AppendCase appendCase, int batch, double seconds, HarnessOptions options) {
        try (ScratchDirectory scratch = ScratchDirectory.create(options.directory(), appendCase.name())) {
            Sample sample;
            try (AppendTarget target = appendCase.open(scratch.path())) {
                sample = AppendLoop.run(target, batch, (long) (seconds * 1e9), options.maxMessages());
                if (target instanceof StoreTarget store && store.lastSequence() != sample.messages()) {
                    throw new IllegalStateException(appendCase.name() + ": last sequence " + store.lastSequence()
                            + " after " + sample.messages() + " appends (expected: equal)");
                }
            }
            return sample;
        }
    }

    private static String describeOptions(HarnessOptions options) {
        StringBuilder out = new StringBuilder();
        for (AppendCase c : options.cases()) {
            if (!c.isRaw()) {
                out.append(out.length() == 0 ? "" : "; ").append(c.name()).append(' ').append(c.options());
            }
        }
        return out.length() == 0 ? "none" : out.toString();
    }
}
