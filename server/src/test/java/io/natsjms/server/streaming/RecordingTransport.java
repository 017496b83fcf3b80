package io.natsjms.server.streaming;

import static org.awaitility.Awaitility.await;

import io.nats.client.NUID;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A transport for engine tests: hands messages to the engine's handlers and keeps what the engine
 * publishes, by subject.
 */
final class RecordingTransport implements Transport {

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, List<byte[]>> published = new ConcurrentHashMap<>();
    private volatile String failing;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final NUID nuid = new NUID();
    private final Duration wait;

    RecordingTransport(Duration wait) {
        this.wait = wait;
    }

    void failNextPublishTo(String subject) {
        failing = subject;
    }

    /** Sends a message to the handler whose subject (or {@code prefix.>} wildcard) matches. */
    void deliver(String subject, String replyTo, byte[] data) {
        handlers.entrySet().stream()
                .filter(e -> e.getKey().equals(subject)
                        || e.getKey().endsWith(".>") && subject.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("nobody listens on " + subject))
                .getValue().onMessage(subject, replyTo, data);
    }

    byte[] awaitOne(String subject) {
        await(subject).atMost(wait).until(() -> !published.getOrDefault(subject, List.of()).isEmpty());
        return published.get(subject).get(0);
    }

    /** The first {@code count} messages published to {@code subject}, once there are as many. */
    List<byte[]> awaitCount(String subject, int count) {
        await(subject).atMost(wait).until(() -> published.getOrDefault(subject, List.of()).size() >= count);
        return List.copyOf(published.get(subject).subList(0, count));
    }

    /** How many messages were published to {@code subject} so far. */
    int count(String subject) {
        return published.getOrDefault(subject, List.of()).size();
    }

    @Override
    public void subscribe(String subject, Handler handler) {
        handlers.put(subject, handler);
    }

    @Override
    public void publish(String subject, byte[] data) {
        if (subject.equals(failing) && failed.compareAndSet(false, true)) {
            throw new IllegalStateException("Output queue is full (simulated)");
        }
        published.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>()).add(data);
    }

    @Override
    public CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout) {
        return new CompletableFuture<>(); // heartbeats: never answered within this test
    }

    @Override
    public void flush(Duration timeout) {
    }

    @Override
    public long maxPayload() {
        return 1024 * 1024;
    }

    @Override
    public String uniqueToken() {
        return nuid.next();
    }

    @Override
    public void close() {
    }
}
