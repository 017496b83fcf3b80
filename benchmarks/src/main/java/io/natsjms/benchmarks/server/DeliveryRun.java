package io.natsjms.benchmarks.server;

import io.nats.client.Connection;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.benchmarks.ProcessCpuClock;
import io.natsjms.benchmarks.Sample;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivery throughput to one subscriber of the official client (auto-ack, default max in flight),
 * either draining a backlog published beforehand ({@link #drain}) or receiving while one raw
 * publisher publishes ({@link #live}).
 */
final class DeliveryRun {

    private DeliveryRun() {
    }

    /** Publishes {@code messages} (not timed), then times a deliverAllAvailable subscription receiving them all. */
    static Sample drain(String url, long messages, int window) throws Exception {
        try (RawStanPublisher publisher = RawStanPublisher.connect(url, BenchServer.CLUSTER_ID, "bench-filler")) {
            PublishRun.publish(List.of(publisher), messages, window);
        }
        return receive(url, messages, () -> { });
    }

    /** Subscribes, then times one raw publisher's {@code messages} from the first publish to the last delivery. */
    static Sample live(String url, long messages, int window) throws Exception {
        try (RawStanPublisher publisher = RawStanPublisher.connect(url, BenchServer.CLUSTER_ID, "bench-live-pub")) {
            return receive(url, messages, () -> PublishRun.publish(List.of(publisher), messages, window));
        }
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /** Subscribes, runs {@code whileSubscribed}, and waits for {@code messages}; timed from the subscribe call. */
    private static Sample receive(String url, long messages, Action whileSubscribed) throws Exception {
        Completion completion = new Completion(messages);
        AtomicLong lastSequence = new AtomicLong();
        try (Connection nats = NatsClient.connect(url)) {
            StreamingConnection stan = ClientStanPublisher.connectStan(nats, BenchServer.CLUSTER_ID, "bench-sub",
                    1024);
            try {
                long cpu = ProcessCpuClock.nanos();
                long begin = System.nanoTime();
                stan.subscribe(PublishRun.CHANNEL, m -> {
                    lastSequence.set(m.getSequence());
                    completion.complete(null);
                }, new SubscriptionOptions.Builder().deliverAllAvailable().build());
                whileSubscribed.run();
                long end = completion.await(PublishRun.TIMEOUT, "delivery");
                if (lastSequence.get() != messages) {
                    throw new IllegalStateException("last delivered sequence " + lastSequence.get()
                            + " (expected: " + messages + ")");
                }
                return new Sample(messages, end - begin, ProcessCpuClock.since(cpu));
            } finally {
                stan.close();
            }
        }
    }
}
