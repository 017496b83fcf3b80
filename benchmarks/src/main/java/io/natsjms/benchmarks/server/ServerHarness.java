package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.AppendCeiling;
import io.natsjms.benchmarks.HarnessArguments;
import io.natsjms.benchmarks.LatencyResult;
import io.natsjms.benchmarks.MachineLoad;
import io.natsjms.benchmarks.RunOrder;
import io.natsjms.benchmarks.Sample;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Streaming-server benchmarks in one process: async publish throughput (official client and raw
 * protobuf publisher, 1 and N publishers, MapDB with fsync always and memory store), delivery to one
 * subscriber (backlog drain and live), and publish -> deliver latency at a fixed rate, next to three
 * ceilings measured in the same run: core-NATS acked publish on the embedded broker, the MapDB
 * store's batched appends, and raw file appends with fdatasync. Every case runs once per repetition
 * (the order rotates between repetitions) on a fresh server, and ratios to a ceiling are taken per
 * repetition. Prints Markdown tables and the load average before and after; progress goes to stderr.
 *
 * <p>Usage: see {@link ServerOptions#USAGE}.
 */
public final class ServerHarness {

    /** Appends per commit or force of the store and fsync ceilings (the server commits up to 1024 publishes at once). */
    static final int CEILING_BATCH = 1000;

    /** Held so that the level set in {@link #main} stays (JUL keeps loggers weakly). */

    private ServerHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArguments.allowPre22Gencode();
        HarnessArguments.quietLogs();
        Optional<ServerOptions> options = HarnessArguments.parseOrExit(args, ServerOptions.USAGE, ServerOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    static String run(ServerOptions options) throws Exception {
        String before = MachineLoad.describe(options.directory());
        System.err.println("ServerHarness: " + before);
        if (options.warmup()) {
            ServerOptions light = new ServerOptions(1, Math.max(1, options.messages() / 5), options.window(),
                    options.cases(), Math.min(1, options.ceilingSeconds()), options.rate(),
                    Math.min(2, options.latencySeconds()), Math.min(1, options.latencySeconds()) / 2, false,
                    options.directory());
            for (ServerCase serverCase : options.cases()) {
                measure(serverCase, light, null, -1);
            }
        }
        ServerTable table = new ServerTable(options.cases());
        for (int rep = 0; rep < options.reps(); rep++) {
            for (ServerCase serverCase : RunOrder.rotated(options.cases(), rep)) {
                measure(serverCase, options, table, rep);
            }
        }
        return "ServerHarness: 1 KB messages, " + options.reps() + " reps interleaved, " + options.messages()
                + " msgs per publish/drain/live run, window " + options.window() + " PubAcks per publisher, "
                + "ceilings " + options.ceilingSeconds() + " s at " + CEILING_BATCH + " appends per sync, latency "
                + options.rate() + " msgs/s for " + options.latencySeconds() + " s (first " + options.latencySkip()
                + " s not recorded); mapdb with fsync=always\n"
                + "before: " + before + "\n\n"
                + table.render() + "\n"
                + "after: load average " + MachineLoad.now() + "\n";
    }

    /** One run of {@code serverCase}; recorded in {@code table} unless it is {@code null} (warm-up). */
    private static void measure(ServerCase serverCase, ServerOptions options, ServerTable table, int rep)
            throws Exception {
        String label = table == null ? "warm-up" : "rep " + (rep + 1);
        if (serverCase.kind() == ServerCase.Kind.LATENCY) {
            LatencyResult result;
            try (BenchServer server = BenchServer.streaming(serverCase.store(), options.directory())) {
                result = LatencyRun.run(server.url(), options.rate(), options.latencySeconds(), options.latencySkip());
            }
            System.err.printf(Locale.ROOT, "%-8s %-18s deliver p50 %.2f ms p99 %.2f ms, ack p50 %.2f ms (load %s)%n",
                    label, serverCase.name(), result.deliverP50() / 1000, result.deliverP99() / 1000,
                    result.ackP50() / 1000, MachineLoad.now());
            if (table != null) {
                table.add(serverCase, rep, result);
            }
            return;
        }
        Sample sample = throughput(serverCase, options);
        System.err.printf(Locale.ROOT, "%-8s %-18s %,12.0f msgs/s  (%,d msgs, load %s)%n",
                label, serverCase.name(), sample.messagesPerSecond(), sample.messages(), MachineLoad.now());
        if (table != null) {
            table.add(serverCase, rep, sample);
        }
    }

    private static Sample throughput(ServerCase serverCase, ServerOptions options) throws Exception {
        long messages = options.messages();
        int window = options.window();
        switch (serverCase.kind()) {
            case STORE:
                return AppendCeiling.measure("mapdb", Map.of("fsync", "always"), CEILING_BATCH,
                        options.ceilingSeconds(), Long.MAX_VALUE, options.directory());
            case FSYNC:
                return AppendCeiling.measure("raw", Map.of(), CEILING_BATCH, options.ceilingSeconds(),
                        Long.MAX_VALUE, options.directory());
            case ACKED:
                try (BenchServer broker = BenchServer.broker()) {
                    return PublishRun.run(i -> CoreRequestPublisher.connect(broker.url()), 1, messages, window);
                }
            default:
                break;
        }
        try (BenchServer server = BenchServer.streaming(serverCase.store(), options.directory())) {
            String url = server.url();
            return switch (serverCase.kind()) {
                case PUB -> PublishRun.run(i -> serverCase.client().equals("stan")
                                ? ClientStanPublisher.connect(url, BenchServer.CLUSTER_ID, "bench-pub-" + i, window)
                                : RawStanPublisher.connect(url, BenchServer.CLUSTER_ID, "bench-pub-" + i),
                        serverCase.publishers(), messages, window);
                case DRAIN -> DeliveryRun.drain(url, messages, window);
                case LIVE -> DeliveryRun.live(url, messages, window);
                default -> throw new IllegalStateException("case " + serverCase.name() + " is not a server case");
            };
        }
    }
}
