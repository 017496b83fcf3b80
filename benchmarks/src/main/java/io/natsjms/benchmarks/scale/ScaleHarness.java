package io.natsjms.benchmarks.scale;

import io.natsjms.benchmarks.HarnessArguments;
import io.natsjms.benchmarks.MachineLoad;
import io.natsjms.benchmarks.RunOrder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How cost grows with scale. Three parts: publish throughput and PubAck p99 over 1 to 10,000
 * channels, and delivery throughput to 1 to 100 subscribers of one channel (both in this JVM on a
 * fresh server per run, MapDB with fsync always and the memory store, repetitions interleaved in a
 * rotating order); and the heap after a full GC and the start-up time of the server in a JVM of its
 * own on a MapDB store holding up to 10,000 channels x 10 durable subscriptions or up to 10^7
 * messages. Prints a Markdown table (cost per unit and its growth), and writes {@code scale.csv} and
 * the log-log plot {@code scale.svg}.
 *
 * <p>Usage: see {@link ScaleOptions#USAGE}.
 */
public final class ScaleHarness {

    /** Held so that the level set in {@link #main} stays (JUL keeps loggers weakly). */

    private ScaleHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArguments.allowPre22Gencode();
        HarnessArguments.quietLogs();
        Optional<ScaleOptions> options = HarnessArguments.parseOrExit(args, ScaleOptions.USAGE, ScaleOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    static String run(ScaleOptions options) throws Exception {
        String before = MachineLoad.describe(options.directory());
        System.err.println("ScaleHarness: " + before);
        long started = System.nanoTime();
        ScaleResults results = new ScaleResults();
        if (options.parts().contains("publish") || options.parts().contains("fanout")) {
            inProcess(options, results);
        }
        if (options.parts().contains("footprint")) {
            footprint(options, results);
        }
        List<ScaleRow> rows = results.rows();
        String title = String.format(Locale.ROOT, "natsjms: cost per unit against scale (log-log; load average "
                + "before %s, after %s)", before.replaceAll(".*load average ([0-9. ]+),.*", "$1"), MachineLoad.now());
        Files.createDirectories(options.output());
        Path csv = options.output().resolve("scale.csv");
        Path svg = options.output().resolve("scale.svg");
        Files.writeString(csv, ScaleReport.csv(rows));
        Files.writeString(svg, ScaleReport.svg(rows, title));
        return String.format(Locale.ROOT, """
                ScaleHarness: %s; %d reps; publish: %,d x 1 KB msgs per throughput run (window %d), p99 at %,d \
                msgs/s for %.1f s; fan-out: %,d deliveries of 1 KB msgs per run; footprint: MapDB, %d durable subscriptions \
                per channel, stored messages of %d bytes (stamped %d s ago, or just now), filled through the store \
                API, %d starts per case; took %.0f s
                before: %s

                %s
                after: load average %s; wrote %s and %s
                """, options.parts(), options.reps(), options.publishMessages(), options.window(), options.rate(),
                options.rateSeconds(), options.deliveries(), options.subsPerChannel(), options.storedBytes(),
                options.storedAge().toSeconds(), options.starts(), (System.nanoTime() - started) / 1e9, before,
                ScaleReport.markdown(rows), MachineLoad.now(), csv, svg);
    }

    /** The publish and fan-out cases, each once per repetition, in an order that rotates between repetitions. */
    private static void inProcess(ScaleOptions options, ScaleResults results) throws Exception {
        List<InProcessCase> cases = new ArrayList<>();
        for (String store : options.stores()) {
            if (options.parts().contains("publish")) {
                (store.equals("mapdb") ? options.mapdbChannels() : options.channels())
                        .forEach(c -> cases.add(new InProcessCase(store, "publish", c)));
            }
            if (options.parts().contains("fanout")) {
                options.subscribers().forEach(s -> cases.add(new InProcessCase(store, "fanout", s)));
            }
        }
        for (String store : options.stores()) {
            // untimed: lets the JIT compile the publish and delivery paths before the first measured run
            ChannelsRun.run(store, 1, options);
            SubscribersRun.run(store, 1, options);
        }
        for (int rep = 0; rep < options.reps(); rep++) {
            for (InProcessCase c : RunOrder.rotated(cases, rep)) {
                if (c.part().equals("publish")) {
                    ChannelsRun.Result result = ChannelsRun.run(c.store(), c.scale(), options);
                    results.publish(c.store(), c.scale(), result);
                    System.err.printf(Locale.ROOT, "rep %d %-6s %,6d channels: %,9.0f msgs/s, p99 %.1f ms (load %s)%n",
                            rep + 1, c.store(), c.scale(), result.messagesPerSecond(), result.ackP99Millis(),
                            MachineLoad.now());
                } else {
                    double rate = SubscribersRun.run(c.store(), c.scale(), options);
                    results.fanout(c.store(), c.scale(), rate);
                    System.err.printf(Locale.ROOT, "rep %d %-6s %,6d subscribers: %,9.0f deliveries/s (load %s)%n",
                            rep + 1, c.store(), c.scale(), rate, MachineLoad.now());
                }
            }
        }
    }

    private static void footprint(ScaleOptions options, ScaleResults results) throws Exception {
        results.footprint(FootprintRun.run(FootprintRun.Kind.EMPTY, 0, options));
        for (int channels : options.subscribedChannels()) {
            results.footprint(FootprintRun.run(FootprintRun.Kind.SUBSCRIPTIONS, channels, options));
        }
        for (long messages : options.storedMessages()) {
            results.footprint(FootprintRun.run(FootprintRun.Kind.MESSAGES, messages, options));
        }
        for (long messages : options.recentMessages()) {
            results.footprint(FootprintRun.run(FootprintRun.Kind.RECENT_MESSAGES, messages, options));
        }
    }

    /** One in-process case: a part ({@code publish} or {@code fanout}) on a store at a scale. */
    private record InProcessCase(String store, String part, int scale) {
    }
}
