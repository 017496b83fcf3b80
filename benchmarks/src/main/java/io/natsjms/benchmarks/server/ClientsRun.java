package io.natsjms.benchmarks.server;

import io.nats.client.Connection;
import io.nats.streaming.AckHandler;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.benchmarks.Payloads;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Many small clients at once, as a fleet of applications would use the server: each of
 * {@code clients} official STAN clients has its own NATS connection, its own channel
 * ({@code clients.<i>}) and a durable auto-ack subscriber on it, and publishes {@code rate} 1 KB
 * msgs/s asynchronously. One pacing thread sends for all of them, spread evenly: message {@code k}
 * of the run is due at {@code start + k / (clients × rate)} and goes to client {@code k mod clients}.
 * Its first 8 bytes carry the due time, and publish -> PubAck and publish -> delivery are measured
 * from it, so a sender that falls behind is charged for it (no coordinated omission). Every message
 * must be acknowledged without error and delivered, or the run fails. The {@link FsyncProbe} running
 * meanwhile is reset when recording starts, so its figure covers the same time.
 */
final class ClientsRun {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** The official client's limit on unacknowledged publishes per client (its default). */
    private static final int MAX_PUB_ACKS_IN_FLIGHT = 16_384;

    private ClientsRun() {
    }

    static ClientsResult run(String url, ClientsOptions options, FsyncProbe probe) throws Exception {
        int clients = options.clients();
        long total = Math.max(1, Math.round(options.totalRate() * options.seconds()));
        long skipped = Math.round(options.totalRate() * options.skip());
        Histogram ack = new Histogram(HIGHEST_NANOS, 3);
        Histogram deliver = new Histogram(HIGHEST_NANOS, 3);
        Completion acked = new Completion(total);
        Completion delivered = new Completion(total);
        long interval = TimeUnit.SECONDS.toNanos(1) / options.totalRate();
        AtomicLong firstMeasured = new AtomicLong(Long.MAX_VALUE);
        List<Connection> connections = new ArrayList<>(clients);
        List<StreamingConnection> stans = new ArrayList<>(clients);
        try {
            for (int i = 0; i < clients; i++) {
                Connection nats = NatsClient.connect(url);
                connections.add(nats);
                StreamingConnection stan = ClientStanPublisher.connectStan(nats, BenchServer.CLUSTER_ID,
                        "bench-client-" + i, MAX_PUB_ACKS_IN_FLIGHT);
                stans.add(stan);
                stan.subscribe(channel(i), m -> {
                    record(deliver, m.getData(), firstMeasured.get());
                    delivered.complete(null);
                }, new SubscriptionOptions.Builder().durableName("bench-durable-" + i).build());
            }
            byte[] template = Payloads.random()[0];
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            firstMeasured.set(start + skipped * interval);
            AckHandler onAck = new AckHandler() {
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
            };
            for (long k = 0; k < total; k++) {
                long due = start + k * interval;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                byte[] data = template.clone();
                ByteBuffer.wrap(data).putLong(0, due);
                if (k == skipped) {
                    probe.reset();
                }
                int client = (int) (k % clients);
                stans.get(client).publish(channel(client), data, onAck);
            }
            acked.await(PublishRun.TIMEOUT, clients + " clients' publish");
            delivered.await(PublishRun.TIMEOUT, clients + " clients' durable subscribers");
            synchronized (ack) {
                synchronized (deliver) {
                    return ClientsResult.of(ack, deliver, probe.millisAt(99));
                }
            }
        } finally {
            for (StreamingConnection stan : stans) {
                try {
                    stan.close();
                } catch (Exception e) {
                    // closing the NATS connection below ends it anyway
                }
            }
            for (Connection nats : connections) {
                nats.close();
            }
        }
    }

    private static String channel(int client) {
        return "clients." + client;
    }

    /** Records now - due time (from the payload) unless the message was due before {@code from}. */
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
