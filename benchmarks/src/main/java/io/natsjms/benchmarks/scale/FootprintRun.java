package io.natsjms.benchmarks.scale;

import io.natsjms.benchmarks.ScratchDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Start-up time and heap of the server in its own JVM on a MapDB store filled beforehand through the
 * store API: empty (the baseline), with channels that each hold durable subscriptions, or with one
 * channel of stored messages. Each case is filled once and started {@code starts} times.
 */
final class FootprintRun {

    private static final String CLUSTER = "scale-bench";

    /**
     * What a case holds: nothing, channels with durables, messages stored long ago (older than the
     * server's duplicate window, as in a store that has been running), or messages stored just now
     * (which the server reads back at start-up to rebuild its duplicate window).
     */
    enum Kind { EMPTY, SUBSCRIPTIONS, MESSAGES, RECENT_MESSAGES }

    /**
     * @param kind        what the store holds
     * @param count       channels (SUBSCRIPTIONS) or messages (MESSAGES); 0 for EMPTY
     * @param items       subscriptions or messages held (what heap and start-up are divided by)
     * @param fillSeconds how long filling took
     * @param diskBytes   the size of the data directory
     * @param startMillis from spawn until a STAN connect succeeded, per start
     * @param heapBytes   heap in use after a full GC once started, per start
     */
    record Result(Kind kind, long count, long items, double fillSeconds, long diskBytes, List<Double> startMillis,
                  List<Double> heapBytes) {
    }

    private FootprintRun() {
    }

    static Result run(Kind kind, long count, ScaleOptions options) throws Exception {
        try (ScratchDirectory scratch = ScratchDirectory.create(options.directory(), "scale-" + kind.name()
                .toLowerCase(Locale.ROOT) + "-" + count)) {
            Path data = scratch.path().resolve("data");
            long filling = System.nanoTime();
            long items = switch (kind) {
                case EMPTY -> {
                    StoreFill.channels("mapdb", data, CLUSTER, 0, 0);
                    yield 0;
                }
                case SUBSCRIPTIONS -> {
                    StoreFill.channels("mapdb", data, CLUSTER, Math.toIntExact(count), options.subsPerChannel());
                    yield count * options.subsPerChannel();
                }
                case MESSAGES, RECENT_MESSAGES -> {
                    StoreFill.messages("mapdb", data, CLUSTER, count, options.storedBytes(),
                            kind == Kind.MESSAGES ? options.storedAge() : Duration.ZERO);
                    yield count;
                }
            };
            double fillSeconds = (System.nanoTime() - filling) / 1e9;
            long disk = scratch.sizeBytes();
            System.err.printf(Locale.ROOT, "footprint %s %,d: filled in %.1f s, %,d bytes on disk%n", kind, count,
                    fillSeconds, disk);
            List<Double> starts = new ArrayList<>();
            List<Double> heaps = new ArrayList<>();
            for (int rep = 0; rep < options.starts(); rep++) {
                try (ServerProcess server = ServerProcess.start(data, CLUSTER, options.serverJvmOptions())) {
                    starts.add((double) server.startMillis());
                    heaps.add((double) server.usedHeapBytes());
                }
                System.err.printf(Locale.ROOT, "footprint %s %,d: start %d: %.0f ms, heap %,.0f bytes%n", kind, count,
                        rep + 1, starts.get(rep), heaps.get(rep));
            }
            return new Result(kind, count, items, fillSeconds, disk, starts, heaps);
        }
    }
}
