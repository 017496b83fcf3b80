package io.natsjms.benchmarks.broker;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * jnats publisher -> broker -> jnats subscriber throughput (16 B, 128 B, 1 KB) and request/reply
 * round-trip latency, on the embedded broker (in this JVM) and on a {@code nats-server} child process,
 * alternating A/B in one run so that both see the same machine load. Prints CSV lines.
 *
 * <p>Run: {@code java -cp benchmarks/target/natsjms-benchmarks.jar io.natsjms.benchmarks.broker.BrokerHarness [reps]}
 */
public final class BrokerHarness {
    private static final int[] SIZES = {16, 128, 1024};
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BrokerHarness() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println("broker,rep,test,result");
        for (int rep = 1; rep <= reps; rep++) {
            measure("embedded", rep, null);
            try (NatsServerPeer peer = NatsServerPeer.start()) {
                measure("nats-server", rep, peer.url());
            }
        }
    }

    /** Measures the broker at {@code url}, or a fresh embedded broker when it is {@code null}. */
    private static void measure(String kind, int rep, String url) throws Exception {
        NatsBroker embedded = url == null
                ? NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build()) : null;
        String target = embedded != null ? embedded.url() : url;
        try {
            // warm-up, not reported: lets the JIT compile the hot paths of both sides
            throughput(target, 128, 300_000);
            for (int size : SIZES) {
                int count = size <= 128 ? 1_000_000 : 400_000;
                System.out.printf("%s,%d,throughput %d B (msgs/s),%.0f%n", kind, rep, size,
                        throughput(target, size, count));
            }
            long[] latencies = requestReply(target, 128, 5_000, 20_000);
            System.out.printf("%s,%d,request/reply 128 B p50 (us),%.0f%n", kind, rep, percentile(latencies, 50));
            System.out.printf("%s,%d,request/reply 128 B p99 (us),%.0f%n", kind, rep, percentile(latencies, 99));
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static Options options(String url) {
        return Options.builder().server(url).maxMessagesInOutgoingQueue(200_000).bufferSize(256 * 1024)
                .noReconnect().build();
    }

    /** Messages per second from the first publish to the last message received. */
    private static double throughput(String url, int size, int count) throws Exception {
        try (Connection subscriber = Nats.connect(options(url)); Connection publisher = Nats.connect(options(url))) {
            CountDownLatch done = new CountDownLatch(count);
            Dispatcher dispatcher = subscriber.createDispatcher(m -> done.countDown());
            dispatcher.setPendingLimits(-1, -1);
            dispatcher.subscribe("bench");
            subscriber.flush(WAIT);
            byte[] payload = new byte[size];
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                publisher.publish("bench", payload);
            }
            if (!done.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("received " + (count - done.getCount()) + " of " + count);
            }
            return count / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Round-trip times in microseconds of sequential requests, after a warm-up. */
    private static long[] requestReply(String url, int size, int warmUp, int count) throws Exception {
        try (Connection responder = Nats.connect(options(url)); Connection requester = Nats.connect(options(url))) {
            Dispatcher dispatcher = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), m.getData()));
            dispatcher.subscribe("rr");
            responder.flush(WAIT);
            byte[] payload = new byte[size];
            long[] micros = new long[count];
            for (int i = -warmUp; i < count; i++) {
                long start = System.nanoTime();
                if (requester.request("rr", payload, WAIT) == null) {
                    throw new IllegalStateException("request " + i + " timed out");
                }
                if (i >= 0) {
                    micros[i] = (System.nanoTime() - start) / 1_000;
                }
            }
            return micros;
        }
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];
    }
}
