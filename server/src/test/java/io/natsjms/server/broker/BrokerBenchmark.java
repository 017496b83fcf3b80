package io.natsjms.server.broker;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Not a test: compares jnats pub -> broker -> sub throughput and request/reply latency on the embedded
 * broker (in this JVM) and on a nats-server child process, alternating A/B in one run.
 * Run with {@code java -cp <test classpath> io.natsjms.server.broker.BrokerBenchmark [reps]}.
 */
public final class BrokerBenchmark {
    private static final int[] SIZES = {16, 128, 1024};
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BrokerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Path natsServer = TestBrokers.findNatsServer()
                .orElseThrow(() -> new IllegalStateException("nats-server is not on the PATH"));
        BrokerConfig config = BrokerConfig.builder().host("127.0.0.1").port(0).build();
        System.out.println("broker,rep,test,result");
        for (int rep = 1; rep <= reps; rep++) {
            for (BrokerKind kind : BrokerKind.values()) {
                RunningBroker broker = kind == BrokerKind.EMBEDDED ? embedded(config)
                        : NatsServerProcess.start(natsServer, config);
                try {
                    // warm-up, not reported: lets the JIT compile the embedded broker's hot paths
                    throughput(broker.url(), 128, 300_000);
                    for (int size : SIZES) {
                        int count = size <= 128 ? 1_000_000 : 400_000;
                        System.out.printf("%s,%d,throughput %d B (msgs/s),%.0f%n", kind, rep, size,
                                throughput(broker.url(), size, count));
                    }
                    long[] latencies = requestReply(broker.url(), 128, 5_000, 20_000);
                    System.out.printf("%s,%d,request/reply 128 B p50 (us),%.0f%n", kind, rep, percentile(latencies, 50));
                    System.out.printf("%s,%d,request/reply 128 B p99 (us),%.0f%n", kind, rep, percentile(latencies, 99));
                } finally {
                    broker.close();
                }
            }
        }
    }

    private static RunningBroker embedded(BrokerConfig config) {
        NatsBroker broker = NatsBroker.start(config);
        return new RunningBroker() {
            @Override
            public BrokerKind kind() {
                return BrokerKind.EMBEDDED;
            }

            @Override
            public int port() {
                return broker.port();
            }

            @Override
            public void close() {
                broker.close();
            }
        };
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
