package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.HarnessArguments;
import io.natsjms.benchmarks.MachineLoad;
import io.natsjms.benchmarks.MarkdownTable;
import io.natsjms.benchmarks.Repetitions;
import io.natsjms.benchmarks.RunOrder;
import io.natsjms.benchmarks.Summary;
import io.natsjms.store.StoreLimits;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Publish-ack latency under many small clients, one store against another in the same run: N
 * official STAN clients (own connection, own channel, a durable subscriber each) publish R 1 KB
 * msgs/s each for D seconds ({@link ClientsRun}), against a fresh in-process server on each store
 * in turn (the order rotating between repetitions). Prints the percentiles per store and the ratio
 * of each to the first store's, taken per repetition, with the load average before and after;
 * progress goes to stderr.
 *
 * <p>Usage: see {@link ClientsOptions#USAGE}.
 */
public final class ClientsHarness {

    /** The targets for the ack p99: at most this many times the reference store's ... */
    static final double TARGET_RATIO = 3.0;
    /** ... and at most this many milliseconds. */
    static final double TARGET_P99_MILLIS = 50.0;
    /** How often the {@link FsyncProbe} forces its file during a run. */
    static final int PROBES_PER_SECOND = 20;

    /** Held so that the level set in {@link #main} stays (JUL keeps loggers weakly). */

    /** A figure of one store: the store and the index into {@link ClientsResult#FIGURES}. */
    private record Key(String store, int figure) {
    }

    private ClientsHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArguments.allowPre22Gencode();
        HarnessArguments.quietLogs();
        Optional<ClientsOptions> options = HarnessArguments.parseOrExit(args, ClientsOptions.USAGE, ClientsOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    static String run(ClientsOptions options) throws Exception {
        String before = MachineLoad.describe(options.directory());
        System.err.println("ClientsHarness: " + before);
        Repetitions<Key> figures = new Repetitions<>();
        StoreLimits limits = StoreLimits.defaults()
                .withMaxChannels(Math.max(StoreLimits.DEFAULT_MAX_CHANNELS, options.clients()));
        for (int rep = 0; rep < options.reps(); rep++) {
            for (String store : RunOrder.rotated(options.stores(), rep)) {
                ClientsResult result;
                try (BenchServer server = BenchServer.streaming(store, options.directory(), limits);
                     FsyncProbe probe = FsyncProbe.start(options.directory(), PROBES_PER_SECOND)) {
                    result = ClientsRun.run(server.url(), options, probe);
                }
                System.err.printf(Locale.ROOT, "rep %d %-8s ack p50 %.2f p90 %.2f p99 %.2f max %.2f ms, deliver p99"
                                + " %.2f ms, disk fdatasync p99 %.2f ms, %,d acks (load %s)%n", rep + 1, store,
                        result.ackP50(), result.ackP90(), result.ackP99(), result.ackMax(), result.deliverP99(),
                        result.diskP99(), result.count(), MachineLoad.now());
                for (int i = 0; i < ClientsResult.FIGURES.size(); i++) {
                    figures.add(new Key(store, i), rep, ClientsResult.FIGURES.get(i).value().applyAsDouble(result));
                }
            }
        }
        return "ClientsHarness: " + options.clients() + " clients × " + options.rate() + " msgs/s of 1 KB, own channel"
                + " and durable subscriber each, " + options.seconds() + " s per run (first " + options.skip()
                + " s not recorded), " + options.reps() + " reps interleaved; mapdb with fsync=always; latencies in ms"
                + " from each message's due time; disk: " + PROBES_PER_SECOND + " fdatasyncs/s of a 1 KB append"
                + " under --dir during the same runs\n"
                + "before: " + before + "\n\n"
                + render(options, figures) + "\n"
                + "after: load average " + MachineLoad.now() + "\n";
    }

    static String render(ClientsOptions options, Repetitions<Key> figures) {
        MarkdownTable latencies = new MarkdownTable().left("store");
        ClientsResult.FIGURES.forEach(f -> latencies.right(f.title() + " ms median [min–max]"));
        latencies.right("n");
        for (String store : options.stores()) {
            String[] cells = new String[ClientsResult.FIGURES.size() + 2];
            cells[0] = store;
            Summary summary = null;
            for (int i = 0; i < ClientsResult.FIGURES.size(); i++) {
                summary = figures.summary(new Key(store, i)).orElseThrow();
                cells[i + 1] = summary.format("%.1f");
            }
            cells[cells.length - 1] = String.valueOf(summary.count());
            latencies.row(cells);
        }
        String reference = options.stores().get(0);
        MarkdownTable ratios = new MarkdownTable().left("store ÷ " + reference + " (paired per rep)");
        ClientsResult.FIGURES.forEach(f -> ratios.right(f.title()));
        ratios.left("target");
        int p99 = 2;
        for (String store : options.stores().subList(1, options.stores().size())) {
            String[] cells = new String[ClientsResult.FIGURES.size() + 2];
            cells[0] = store;
            for (int i = 0; i < ClientsResult.FIGURES.size(); i++) {
                List<Double> paired = figures.ratios(new Key(store, i), new Key(reference, i));
                cells[i + 1] = paired.isEmpty() ? "—" : Summary.of(paired).format(Summary.ratioFormat(paired));
            }
            cells[cells.length - 1] = target(figures.ratios(new Key(store, p99), new Key(reference, p99)),
                    figures.summary(new Key(store, p99)).orElseThrow());
            ratios.row(cells);
        }
        return latencies.render() + (ratios.isEmpty() ? "" : "\n" + ratios.render());
    }

    /** The target for the p99 ({@value #TARGET_RATIO}x and {@value #TARGET_P99_MILLIS} ms) and whether it was met. */
    private static String target(List<Double> ratios, Summary p99) {
        String target = String.format(Locale.ROOT, "p99 ≤ %.0fx and ≤ %.0f ms", TARGET_RATIO, TARGET_P99_MILLIS);
        if (ratios.isEmpty()) {
            return target;
        }
        boolean met = Summary.of(ratios).median() <= TARGET_RATIO && p99.median() <= TARGET_P99_MILLIS;
        return target + (met ? ": met" : ": not met");
    }
}
