package io.natsjms.benchmarks.scale;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.benchmarks.Payloads;
import io.natsjms.benchmarks.server.BenchServer;
import io.natsjms.benchmarks.server.NatsClient;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fan-out from one channel, on a fresh in-process server per run: a backlog of 1 KB messages (the
 * run's deliveries divided by the subscribers) is published first (not timed), then {@code subscribers} clients of the official library (each on its
 * own NATS connection, auto-ack, max in flight 1,024) subscribe with deliverAllAvailable at once, and
 * the run is timed from the first subscribe call until every subscriber has every message, in order.
 */
final class SubscribersRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private SubscribersRun() {
    }

    /** Deliveries per second, all subscribers together. */
    static double run(String store, int subscribers, ScaleOptions options) throws Exception {
        int backlog = Math.max(1, options.deliveries() / subscribers);
        try (BenchServer server = BenchServer.streaming(store, options.directory(), StoreLimits.unlimited())) {
            String url = server.url();
            byte[][] random = Payloads.random();
            try (TimedPublisher filler = TimedPublisher.connect(url, BenchServer.CLUSTER_ID, "scale-fill", backlog,
                    options.window())) {
                for (int i = 0; i < backlog; i++) {
                    filler.publish(i, StoreFill.channelName(0), ByteString.copyFrom(random[i % random.length]),
                            System.nanoTime());
                }
                filler.awaitAcks(TIMEOUT);
            }
            List<Connection> connections = new ArrayList<>();
            List<StreamingConnection> clients = new ArrayList<>();
            try {
                for (int s = 0; s < subscribers; s++) {
                    Connection nats = NatsClient.connect(url);
                    connections.add(nats);
                    clients.add(NatsStreaming.connect(BenchServer.CLUSTER_ID, "scale-sub-" + s,
                            new Options.Builder().natsConn(nats).connectWait(Duration.ofSeconds(10)).build()));
                }
                return receive(clients, backlog);
            } finally {
                for (StreamingConnection client : clients) {
                    client.close();
                }
                for (Connection nats : connections) {
                    nats.close();
                }
            }
        }
    }

    private static double receive(List<StreamingConnection> clients, int backlog) throws Exception {
        long deliveries = (long) clients.size() * backlog;
        CountDownLatch done = new CountDownLatch(clients.size());
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicLong lastDelivery = new AtomicLong();
        long begin = System.nanoTime();
        for (StreamingConnection client : clients) {
            long[] expected = {1};
            client.subscribe(StoreFill.channelName(0), m -> {
                if (m.getSequence() != expected[0]) {
                    failure.compareAndSet(null, "sequence " + m.getSequence() + " delivered (expected: "
                            + expected[0] + ")");
                }
                expected[0] = m.getSequence() + 1;
                if (m.getSequence() == backlog) {
                    lastDelivery.accumulateAndGet(System.nanoTime(), Math::max);
                    done.countDown();
                }
            }, new SubscriptionOptions.Builder().deliverAllAvailable().maxInFlight(1024).build());
        }
        if (!done.await(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(done.getCount() + " of " + clients.size()
                    + " subscribers did not receive all " + backlog + " messages within " + TIMEOUT);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a subscriber got " + failure.get());
        }
        return deliveries * 1e9 / (lastDelivery.get() - begin);
    }
}
