package io.natsjms.benchmarks.jetstream;

import com.google.protobuf.ByteString;
import io.natsjms.benchmarks.Payloads;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.StoreProvider;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JetStream store against the MapDB store and against the cluster's own ceiling (jnats
 * asynchronous publishes to a stream with the same replicas), on a 3-node loopback cluster started
 * for the run: 1 KB appends, one commit (or one wait for every acknowledgement) per batch, interleaved
 * runs (the case order rotates from one repetition to the next), a fresh stream or store per run.
 *
 * <p>Usage: {@code JetStreamHarness [--seconds 3] [--reps 3] [--batches 1,100] [--replicas 3] [--dir /tmp]}
 */
public final class JetStreamHarness {

    private static final List<String> CASES = List.of("jnats-stream", "jetstream-store", "mapdb-store");

    private JetStreamHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("--seconds", "3", "--reps", "3",
                "--batches", "1,100", "--replicas", "3", "--dir", System.getProperty("java.io.tmpdir")));
        double seconds = Double.parseDouble(options.get("--seconds"));
        int reps = Integer.parseInt(options.get("--reps"));
        int replicas = Integer.parseInt(options.get("--replicas"));
        List<Integer> batches = Arrays.stream(options.get("--batches").split(",")).map(Integer::parseInt).toList();
        Path scratch = Files.createTempDirectory(Path.of(options.get("--dir")), "natsjms-js-bench");
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        try (LoopbackCluster cluster = LoopbackCluster.start(scratch.resolve("cluster"), 3);
             Connection connection = Nats.connect(new io.nats.client.Options.Builder()
                     .servers(cluster.urls().split(",")).build())) {
            int run = 0;
            for (int rep = 0; rep < reps; rep++) {
                for (int batch : batches) {
                    for (int i = 0; i < CASES.size(); i++) {
                        String name = CASES.get((i + rep) % CASES.size());
                        run++;
                        double rate = measure(name, batch, seconds, replicas, cluster, connection,
                                scratch.resolve("run" + run), run);
                        results.computeIfAbsent(name + "@" + batch, k -> new ArrayList<>())
                                .add(new double[] {rep, rate});
                        System.err.printf(Locale.ROOT, "rep %d  %-16s batch %4d  %,10.0f msgs/s%n", rep + 1, name,
                                batch, rate);
                    }
                }
            }
        }
        System.out.println(render(results, batches, reps, seconds, replicas));
    }

    private static double measure(String name, int batch, double seconds, int replicas, LoopbackCluster cluster,
                                  Connection connection, Path dir, int run) throws Exception {
        long nanos = (long) (seconds * 1e9);
        byte[][] payloads = Payloads.random();
        if (name.equals("jnats-stream")) {
            try (StreamPublishCeiling ceiling = new StreamPublishCeiling(connection, "ceiling" + run, replicas,
                    payloads)) {
                return loop(batch, nanos, ceiling::append, ceiling::sync);
            }
        }
        Files.createDirectories(dir);
        StoreConfig config = StoreConfig.at(dir, StoreLimits.unlimited());
        String provider = "mapdb";
        if (name.equals("jetstream-store")) {
            provider = "jetstream";
            config = config.withOption("js_urls", cluster.urls()).withOption("js_prefix", "bench" + run)
                    .withOption("js_replicas", String.valueOf(replicas));
        }
        try (Store store = StoreProvider.named(provider).open(config)) {
            MessageStore messages = store.createChannel("bench.append").messages();
            MsgProto[] templates = new MsgProto[payloads.length];
            for (int i = 0; i < payloads.length; i++) {
                templates[i] = MsgProto.newBuilder().setSubject("bench.append")
                        .setData(ByteString.copyFrom(payloads[i])).build();
            }
            int[] next = {0};
            double rate = loop(batch, nanos, () -> messages.append(templates[next[0]++ % templates.length]),
                    store::commit);
            long expected = messages.stats().count();
            if (messages.lastSequence() != expected) {
                throw new IllegalStateException(name + ": last sequence " + messages.lastSequence() + " after "
                        + expected + " appends");
            }
            return rate;
        }
    }

    private static double loop(int batch, long nanos, Runnable append, Runnable sync) {
        long messages = 0;
        long start = System.nanoTime();
        long now = start;
        while (now - start < nanos) {
            for (int i = 0; i < batch; i++) {
                append.run();
            }
            sync.run();
            messages += batch;
            now = System.nanoTime();
        }
        return messages * 1e9 / (now - start);
    }

    private static String render(Map<String, List<double[]>> results, List<Integer> batches, int reps,
                                 double seconds, int replicas) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "JetStreamHarness: 1 KB, 3-node loopback cluster, R%d, %d reps x %.1f s, interleaved%n%n",
                replicas, reps, seconds));
        out.append("| case | batch | msgs/s median [min-max] | ratio to jnats-stream (paired per rep) |\n");
        out.append("|---|---:|---:|---:|\n");
        for (int batch : batches) {
            List<double[]> ceiling = results.get("jnats-stream@" + batch);
            for (String name : CASES) {
                List<double[]> samples = results.get(name + "@" + batch);
                double[] rates = samples.stream().mapToDouble(s -> s[1]).sorted().toArray();
                double[] ratios = new double[samples.size()];
                for (int i = 0; i < samples.size(); i++) {
                    ratios[i] = samples.get(i)[1] / ceiling.get(i)[1];
                }
                Arrays.sort(ratios);
                out.append(String.format(Locale.ROOT, "| %s | %d | %,.0f [%,.0f-%,.0f] | %.2f [%.2f-%.2f] |%n", name,
                        batch, median(rates), rates[0], rates[rates.length - 1], median(ratios), ratios[0],
                        ratios[ratios.length - 1]));
            }
        }
        return out.toString();
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
