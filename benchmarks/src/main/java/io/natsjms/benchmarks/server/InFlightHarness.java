package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.CommandLine;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * What one subscriber with a huge max-in-flight costs everyone else. For each size N: a fresh
 * streaming server (memory store) gets a backlog of N messages; a subscriber with max in flight N
 * that never acks subscribes from the start, so the server sends all N and keeps N messages pending;
 * meanwhile a second client publishes synchronously on another channel, one publish after the other.
 * Prints, per N, how long the N deliveries took and the probe's round trips during that time.
 *
 * <pre>
 * java -cp benchmarks/target/natsjms-benchmarks.jar io.natsjms.benchmarks.server.InFlightHarness \
 *      [--in-flight 10000,80000,300000] [--payload 64] [--timeout-seconds 300]
 * </pre>
 */
public final class InFlightHarness {

    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private InFlightHarness() {
    }

    public static void main(String[] args) throws Exception {
        CommandLine line = CommandLine.parse(args, Set.of("in-flight", "payload", "timeout-seconds"));
        String sizes = line.string("in-flight", "10000,80000,300000");
        int payload = Integer.parseInt(line.string("payload", "64"));
        long timeoutSeconds = Long.parseLong(line.string("timeout-seconds", "300"));
        System.out.println("| in flight | deliver all (s) | probe publishes | probe p50 (ms) | probe p99 (ms) | probe max (ms) |");
        System.out.println("|---:|---:|---:|---:|---:|---:|");
        for (String size : sizes.split(",")) {
            run(Integer.parseInt(size.trim()), payload, timeoutSeconds);
        }
    }

    private static void run(int inFlight, int payload, long timeoutSeconds) throws Exception {
        try (BenchServer server = BenchServer.streaming("memory", Path.of(System.getProperty("java.io.tmpdir")))) {
            Options options = new Options.Builder().natsUrl(server.url()).pubAckWait(Duration.ofSeconds(timeoutSeconds))
                    .connectWait(Duration.ofSeconds(30)).build();
            StreamingConnection publisher = NatsStreaming.connect(BenchServer.CLUSTER_ID, "backlog", options);
            StreamingConnection subscriber = NatsStreaming.connect(BenchServer.CLUSTER_ID, "subscriber", options);
            StreamingConnection probe = NatsStreaming.connect(BenchServer.CLUSTER_ID, "probe", options);
            byte[] data = new byte[payload];
            CountDownLatch published = new CountDownLatch(inFlight);
            for (int i = 0; i < inFlight; i++) {
                publisher.publish("backlog", data, (guid, error) -> published.countDown());
            }
            if (!published.await(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the backlog of " + inFlight + " was not acknowledged in time");
            }
            AtomicBoolean delivering = new AtomicBoolean(true);
            Histogram roundTrips = new Histogram(HIGHEST_NANOS, 3);
            Thread prober = new Thread(() -> probe(probe, delivering, roundTrips), "probe");
            AtomicInteger received = new AtomicInteger();
            CountDownLatch all = new CountDownLatch(1);
            long start = System.nanoTime();
            prober.start();
            Subscription sub = subscriber.subscribe("backlog", msg -> {
                if (received.incrementAndGet() == inFlight) {
                    all.countDown();
                }
            }, new SubscriptionOptions.Builder().deliverAllAvailable().maxInFlight(inFlight).manualAcks()
                    .ackWait(Duration.ofMinutes(10)).build());
            boolean done = all.await(timeoutSeconds, TimeUnit.SECONDS);
            long elapsed = System.nanoTime() - start;
            delivering.set(false);
            prober.join();
            sub.close();
            System.out.printf("| %,d | %s | %,d | %.1f | %.1f | %.1f |%n", inFlight,
                    done ? String.format("%.2f", elapsed / 1e9) : "> " + timeoutSeconds + " (got " + received + ")",
                    roundTrips.getTotalCount(), millis(roundTrips.getValueAtPercentile(50)),
                    millis(roundTrips.getValueAtPercentile(99)), millis(roundTrips.getMaxValue()));
            probe.close();
            subscriber.close();
            publisher.close();
        }
    }

    private static void probe(StreamingConnection probe, AtomicBoolean delivering, Histogram roundTrips) {
        byte[] data = new byte[16];
        while (delivering.get()) {
            long start = System.nanoTime();
            try {
                probe.publish("probe", data);
            } catch (Exception e) {
                System.err.println("probe publish failed: " + e);
            }
            roundTrips.recordValue(Math.min(HIGHEST_NANOS, System.nanoTime() - start));
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
