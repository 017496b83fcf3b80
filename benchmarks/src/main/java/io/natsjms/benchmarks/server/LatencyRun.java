package io.natsjms.benchmarks.server;

import io.nats.client.Connection;
import io.nats.streaming.AckHandler;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.benchmarks.LatencyResult;
import io.natsjms.benchmarks.Payloads;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Publish -> deliver and publish -> PubAck latency at a fixed rate, with the official client on both
 * sides (async publish, one auto-ack subscriber, both in this JVM). Message {@code i} is due at
 * {@code start + i / rate}; its first 8 bytes carry that intended time ({@link System#nanoTime()}),
 * and both latencies are measured from it, so a stalled publisher is charged for the messages it
 * sends late (no coordinated omission). Messages due in the first {@code skipSeconds} are not recorded.
 */
final class LatencyRun {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private LatencyRun() {
    }

    static LatencyResult run(String url, int rate, double seconds, double skipSeconds) throws Exception {
        if (rate < 1) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: >= 1)");
        }
        long total = Math.max(1, Math.round(rate * seconds));
        long skipped = Math.round(rate * skipSeconds);
        if (skipped >= total) {
            throw new IllegalArgumentException("latency skip: " + skipSeconds + " s (expected: < " + seconds + " s)");
        }
        Histogram deliver = new Histogram(HIGHEST_NANOS, 3);
        Histogram ack = new Histogram(HIGHEST_NANOS, 3);
        Completion delivered = new Completion(total);
        Completion acked = new Completion(total);
        AtomicLong firstMeasured = new AtomicLong(Long.MAX_VALUE);
        byte[] template = Payloads.random()[0];
        try (Connection subNats = NatsClient.connect(url); Connection pubNats = NatsClient.connect(url)) {
            StreamingConnection sub = ClientStanPublisher.connectStan(subNats, BenchServer.CLUSTER_ID, "bench-lat-sub", 16_384);
            StreamingConnection pub = ClientStanPublisher.connectStan(pubNats, BenchServer.CLUSTER_ID, "bench-lat-pub", 16_384);
            try {
                sub.subscribe(PublishRun.CHANNEL, m -> {
                    record(deliver, m.getData(), firstMeasured.get());
                    delivered.complete(null);
                }, new SubscriptionOptions.Builder().build());
                long interval = TimeUnit.SECONDS.toNanos(1) / rate;
                long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
                firstMeasured.set(start + skipped * interval);
                for (long i = 0; i < total; i++) {
                    long due = start + i * interval;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    byte[] data = template.clone();
                    ByteBuffer.wrap(data).putLong(0, due);
                    pub.publish(PublishRun.CHANNEL, data, new AckHandler() {
                        @Override
                        public void onAck(String guid, Exception error) {
                            acked.complete(error == null ? null : error.toString());
                        }

                        @Override
                        public void onAck(String guid, String subject, byte[] body, Exception error) {
                            if (error == null) {
                                record(ack, body, firstMeasured.get());
                            }
                            onAck(guid, error);
                        }
                    });
                }
                long sendEnd = System.nanoTime();
                acked.await(PublishRun.TIMEOUT, "latency publish");
                delivered.await(PublishRun.TIMEOUT, "latency delivery");
                double achieved = (total - skipped) * 1e9 / Math.max(1, sendEnd - firstMeasured.get());
                return LatencyResult.of(achieved, deliver, ack);
            } finally {
                pub.close();
                sub.close();
            }
        }
    }

    /** Records now - intended time (from the payload) unless the message was due before {@code from}. */
    private static void record(Histogram histogram, byte[] data, long from) {
        long now = System.nanoTime();
        long due = ByteBuffer.wrap(data).getLong(0);
        if (due >= from) {
            synchronized (histogram) {
                histogram.recordValue(Math.min(now - due, HIGHEST_NANOS));
            }
        }
    }
}
