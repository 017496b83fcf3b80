package io.natsjms.benchmarks.peer;

import io.nats.client.Connection;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.benchmarks.Payloads;
import io.natsjms.benchmarks.Sample;
import io.natsjms.benchmarks.server.ClientStanPublisher;
import io.natsjms.benchmarks.server.Completion;
import io.natsjms.benchmarks.server.NatsClient;
import io.natsjms.benchmarks.server.PublishRun;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * The runs of {@link PeerHarness}, against a server at a URL, with the official STAN client only
 * ({@code io.nats:java-nats-streaming}, each client on its own NATS connection), 1 KB messages. The
 * server's CPU time is read just before and just after the timed part of each run.
 */
final class CaseRuns {

    private static final String WARMUP_CHANNEL = "bench.warmup";
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final PeerOptions options;

    CaseRuns(PeerOptions options) {
        this.options = options;
    }

    /** Runs {@code peerCase} against {@code server}, after the untimed warm-up. */
    CaseResult run(PeerCase peerCase, ServerProcess server) throws Exception {
        String url = server.url();
        warmUp(url);
        return switch (peerCase.kind()) {
            case PUB -> asyncPublish(url, server);
            case SYNC -> syncPublish(url, server);
            case LIVE -> live(url, server, peerCase.maxInFlight());
            case DRAIN -> drain(url, server, peerCase.maxInFlight());
        };
    }

    /**
     * Publishes {@code --warmup} messages on a channel of their own and has one subscriber receive them,
     * so that neither server (nor this JVM) is measured cold.
     */
    private void warmUp(String url) throws Exception {
        long messages = options.warmup();
        if (messages == 0) {
            return;
        }
        try (ClientStanPublisher publisher = publisher(url, "peer-warmup-pub")) {
            PublishRun.publish(List.of(publisher), WARMUP_CHANNEL, messages, options.window());
        }
        receive(url, WARMUP_CHANNEL, messages, options.window(), "peer-warmup-sub", () -> { });
    }

    private CaseResult asyncPublish(String url, ServerProcess server) throws Exception {
        try (ClientStanPublisher publisher = publisher(url, "peer-pub")) {
            CpuTime cpu = server.cpu();
            Sample sample = PublishRun.publish(List.of(publisher), options.messages(), options.window());
            return new CaseResult(List.of(sample.messagesPerSecond()), sample.messages(), server.cpu().since(cpu));
        }
    }

    /** Publishes one message at a time, each waiting for its PubAck, for {@code --sync-seconds}. */
    private CaseResult syncPublish(String url, ServerProcess server) throws Exception {
        byte[][] payloads = Payloads.random();
        Histogram latencies = new Histogram(HIGHEST_NANOS, 3);
        try (Connection nats = NatsClient.connect(url)) {
            StreamingConnection stan = ClientStanPublisher.connectStan(nats, options.cluster(), "peer-sync-pub",
                    options.window());
            try {
                CpuTime cpu = server.cpu();
                long begin = System.nanoTime();
                long until = begin + (long) (options.syncSeconds() * 1e9);
                long count = 0;
                long now = begin;
                while (now < until) {
                    stan.publish(PublishRun.CHANNEL, payloads[(int) (count % payloads.length)]);
                    long after = System.nanoTime();
                    latencies.recordValue(Math.min(after - now, HIGHEST_NANOS));
                    now = after;
                    count++;
                }
                CpuTime spent = server.cpu().since(cpu);
                return new CaseResult(List.of(count * 1e9 / (now - begin), millis(latencies, 50), millis(latencies, 99)),
                        count, spent);
            } finally {
                stan.close();
            }
        }
    }

    /**
     * Subscribes, then publishes {@code --live-messages}: delivered msgs/s from the first publish to the
     * last delivery, and how long after the last PubAck the last delivery came (0 if before).
     */
    private CaseResult live(String url, ServerProcess server, int maxInFlight) throws Exception {
        long messages = options.liveMessages();
        try (ClientStanPublisher publisher = publisher(url, "peer-live-pub")) {
            long[] published = new long[1];
            CpuTime[] cpu = new CpuTime[1];
            Delivery delivery = receive(url, PublishRun.CHANNEL, messages, maxInFlight, "peer-live-sub", () -> {
                cpu[0] = server.cpu();
                PublishRun.publish(List.of(publisher), messages, options.window());
                published[0] = System.nanoTime();
            });
            CpuTime spent = server.cpu().since(cpu[0]);
            double behind = Math.max(0, delivery.lastNanos() - published[0]) / 1e9;
            return new CaseResult(List.of(messages * 1e9 / (delivery.lastNanos() - delivery.startNanos()), behind),
                    messages, spent);
        }
    }

    /** Publishes {@code --backlog} (not timed), then times a new subscriber receiving them all. */
    private CaseResult drain(String url, ServerProcess server, int maxInFlight) throws Exception {
        long messages = options.backlog();
        try (ClientStanPublisher publisher = publisher(url, "peer-filler")) {
            PublishRun.publish(List.of(publisher), messages, options.window());
        }
        CpuTime cpu = server.cpu();
        Delivery delivery = receive(url, PublishRun.CHANNEL, messages, maxInFlight, "peer-drain-sub", () -> { });
        CpuTime spent = server.cpu().since(cpu);
        return new CaseResult(List.of(messages * 1e9 / (delivery.lastNanos() - delivery.startNanos())), messages,
                spent);
    }

    private ClientStanPublisher publisher(String url, String clientId) throws Exception {
        return ClientStanPublisher.connect(url, options.cluster(), clientId, options.window());
    }

    /** When a {@link #receive} started and when its last message arrived ({@link System#nanoTime()}). */
    private record Delivery(long startNanos, long lastNanos) {
    }

    @FunctionalInterface
    private interface Action {
        void run() throws Exception;
    }

    /**
     * Subscribes from the first message with {@code maxInFlight} (auto-ack), runs {@code whileSubscribed},
     * and waits until the channel's message {@code messages} arrived; timed from the subscribe call.
     */
    private Delivery receive(String url, String channel, long messages, int maxInFlight, String clientId,
                             Action whileSubscribed) throws Exception {
        Completion completion = new Completion(messages);
        AtomicLong lastSequence = new AtomicLong();
        try (Connection nats = NatsClient.connect(url)) {
            StreamingConnection stan = ClientStanPublisher.connectStan(nats, options.cluster(), clientId,
                    options.window());
            try {
                long begin = System.nanoTime();
                stan.subscribe(channel, m -> {
                    lastSequence.set(m.getSequence());
                    completion.complete(null);
                }, new SubscriptionOptions.Builder().deliverAllAvailable().maxInFlight(maxInFlight)
                        .ackWait(Duration.ofSeconds(60)).build());
                whileSubscribed.run();
                long end = completion.await(PublishRun.TIMEOUT, "delivery on " + channel);
                if (lastSequence.get() != messages) {
                    throw new IllegalStateException("last delivered sequence on " + channel + ": " + lastSequence.get()
                            + " (expected: " + messages + ")");
                }
                return new Delivery(begin, end);
            } finally {
                stan.close();
            }
        }
    }

    private static double millis(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1e6;
    }
}
