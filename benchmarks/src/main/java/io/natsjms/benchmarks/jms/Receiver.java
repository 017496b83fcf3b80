package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.Payloads;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The durable subscriber's listener: reads each message's text as an application would, checks it
 * is a 1 KB {@link TextMessage}, counts it, and can record its send -> receive latency. A run waits
 * on it with {@link #await} for the number of messages it sent.
 */
final class Receiver implements MessageListener {

    private final LatencyRecorder latency;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong bad = new AtomicLong();
    private final AtomicReference<String> firstProblem = new AtomicReference<>();
    private final Object lock = new Object();
    private volatile long awaited = Long.MAX_VALUE;
    private volatile long lastNanos;
    private long reachedNanos;

    /** @param latency records send -> receive of each message, or {@code null} */
    Receiver(LatencyRecorder latency) {
        this.latency = latency;
    }

    @Override
    public void onMessage(Message message) {
        long now = System.nanoTime();
        try {
            if (!(message instanceof TextMessage text) || text.getText() == null
                    || text.getText().length() != Payloads.MESSAGE_BYTES) {
                problem("received " + message + " (expected: a TextMessage of " + Payloads.MESSAGE_BYTES + " chars)");
            } else if (latency != null) {
                latency.record(message, now);
            }
        } catch (Exception e) {
            problem("reading a received message failed: " + e);
        }
        lastNanos = now;
        if (received.incrementAndGet() == awaited) {
            synchronized (lock) {
                reachedNanos = now;
                lock.notifyAll();
            }
        }
    }

    private void problem(String description) {
        bad.incrementAndGet();
        firstProblem.compareAndSet(null, description);
    }

    /**
     * Waits until {@code count} messages were received in total and returns {@link System#nanoTime()}
     * at the reception of the last of them (of the last so far, if more had already arrived).
     *
     * @throws IllegalStateException if fewer arrived within {@code timeout}, or a message was not as sent
     */
    long await(long count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long reached;
        synchronized (lock) {
            reachedNanos = 0;
            awaited = count;
            if (received.get() >= count) {
                reached = lastNanos;
            } else {
                for (long left = timeout.toNanos(); reachedNanos == 0 && left > 0; left = deadline - System.nanoTime()) {
                    lock.wait(Math.max(1, left / 1_000_000));
                }
                reached = reachedNanos;
            }
            awaited = Long.MAX_VALUE;
        }
        if (reached == 0) {
            throw new IllegalStateException("durable subscriber: " + received.get() + " of " + count
                    + " messages received within " + timeout + " (expected: all)");
        }
        if (bad.get() > 0) {
            throw new IllegalStateException("durable subscriber: " + bad.get() + " bad messages, first: "
                    + firstProblem.get());
        }
        return reached;
    }

    /** Messages received so far. */
    long received() {
        return received.get();
    }
}
