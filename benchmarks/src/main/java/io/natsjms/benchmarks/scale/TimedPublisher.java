package io.natsjms.benchmarks.scale;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.natsjms.benchmarks.server.RawStanSession;
import io.natsjms.protocol.pb.PubAck;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A STAN publisher on the wire protocol ({@link RawStanSession}) that times every acknowledgement:
 * publish number {@code i} carries the GUID {@code <prefix><i>}, and its PubAck is charged from the time
 * the caller says it was due. One run of {@code count} publishes per instance; at most {@code window} are
 * unacknowledged at once.
 */
final class TimedPublisher implements AutoCloseable {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final String guidPrefix = NUID.nextGlobal() + "-";
    private final long[] dueNanos;
    private final Semaphore window;
    private final CountDownLatch remaining;
    private final Histogram ackNanos = new Histogram(HIGHEST_NANOS, 3);
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile long lastAckNanos;
    private RawStanSession session;

    private TimedPublisher(int count, int window) {
        this.dueNanos = new long[count];
        this.window = new Semaphore(window);
        this.remaining = new CountDownLatch(count);
    }

    /**
     * Connects and registers {@code clientId}, ready for {@code count} publishes.
     *
     * @param window publishes that may be unacknowledged at once
     */
    static TimedPublisher connect(String url, String clusterId, String clientId, int count, int window)
            throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window: " + window + " (expected: >= 1)");
        }
        TimedPublisher publisher = new TimedPublisher(count, window);
        publisher.session = RawStanSession.connect(url, clusterId, clientId, publisher::onAck);
        return publisher;
    }

    /** Sends publish number {@code index} (each exactly once), whose ack is timed from {@code dueNanos}. */
    void publish(int index, String channel, ByteString data, long dueNanos) throws InterruptedException {
        window.acquire();
        this.dueNanos[index] = dueNanos;
        session.publish(channel, guidPrefix + index, data);
    }

    private void onAck(Message message) {
        long now = System.nanoTime();
        try {
            PubAck ack = PubAck.parseFrom(message.getData());
            if (!ack.getError().isEmpty()) {
                firstError.compareAndSet(null, ack.getGuid() + ": " + ack.getError());
            }
            int index = Integer.parseInt(ack.getGuid().substring(guidPrefix.length()));
            ackNanos.recordValue(Math.min(Math.max(0, now - dueNanos[index]), HIGHEST_NANOS));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            firstError.compareAndSet(null, "unreadable PubAck: " + e);
        }
        lastAckNanos = now;
        window.release();
        remaining.countDown();
    }

    /**
     * Waits for every ack and returns {@link System#nanoTime()} of the last one.
     *
     * @throws IllegalStateException if some did not come within {@code timeout}, or one reported an error
     */
    long awaitAcks(Duration timeout) throws InterruptedException {
        if (!remaining.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(remaining.getCount() + " PubAcks missing after " + timeout
                    + " (expected: none)");
        }
        if (firstError.get() != null) {
            throw new IllegalStateException("a publish failed: " + firstError.get());
        }
        return lastAckNanos;
    }

    /** The ack latencies, read after {@link #awaitAcks} returned. */
    Histogram ackNanos() {
        return ackNanos;
    }

    /** Sends a CloseRequest for the client, then closes the NATS connection. */
    @Override
    public void close() throws InterruptedException {
        session.close();
    }
}
