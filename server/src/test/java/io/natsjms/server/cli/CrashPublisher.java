package io.natsjms.server.cli;

import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.streaming.StreamingConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Publishes numbered payloads asynchronously on its own thread, with at most {@link #MAX_IN_FLIGHT}
 * publishes awaiting their PubAck, and records the payloads whose PubAck came back without error.
 */
final class CrashPublisher implements AutoCloseable {

    static final int MAX_IN_FLIGHT = 256;

    private final StreamingConnection sc;
    private final String channel;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final Map<String, Long> failures = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    CrashPublisher(StreamingConnection sc, String channel) {
        this.sc = sc;
        this.channel = channel;
        this.thread = new Thread(this::run, "crash-publisher");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        for (long n = 0; running; n++) {
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return;
            }
            String payload = "p-" + n;
            try {
                sc.publish(channel, payload.getBytes(StandardCharsets.UTF_8), (guid, error) -> {
                    if (error == null) {
                        acked.add(payload);
                    } else {
                        failures.merge(String.valueOf(error.getMessage()), 1L, Long::sum);
                    }
                    inFlight.release();
                });
            } catch (Exception e) {
                // refused at once (e.g. NATS reconnect buffer full): wait for the NATS connection
                failures.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1L, Long::sum);
                inFlight.release();
                awaitConnected(sc.getNatsConnection());
            }
        }
    }

    private void awaitConnected(Connection nc) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !running || nc.getStatus() == Connection.Status.CONNECTED);
    }

    /** Payloads published with a successful PubAck so far. */
    Set<String> acked() {
        return acked;
    }

    int ackedCount() {
        return acked.size();
    }

    /** How many publishes failed, by error. */
    Map<String, Long> failures() {
        return Map.copyOf(failures);
    }

    /** Stops publishing and waits until every publish sent has its PubAck or its timeout. */
    void stop(Duration timeout) throws InterruptedException {
        running = false;
        thread.join(timeout.toMillis());
        await().atMost(timeout).until(() -> inFlight.availablePermits() == MAX_IN_FLIGHT);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
    }
}
