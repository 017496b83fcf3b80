package io.natsjms.benchmarks.jms;

import jakarta.jms.CompletionListener;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asynchronous sends with a bound on the sends not yet completed: {@link #send} blocks while
 * {@code size} are outstanding, and each {@link CompletionListener} callback frees a place. Counts
 * the completions, remembers the first failure and the time of the last completion, and can record
 * each send's completion latency.
 */
final class SendWindow implements CompletionListener {

    private final int size;
    private final Semaphore places;
    private final LatencyRecorder completionLatency;
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final AtomicLong lastCompletionNanos = new AtomicLong();

    /**
     * @param size              sends that may be outstanding at once
     * @param completionLatency records send -> completion of each message, or {@code null}
     */
    SendWindow(int size, LatencyRecorder completionLatency) {
        if (size < 1) {
            throw new IllegalArgumentException("window: " + size + " (expected: >= 1)");
        }
        this.size = size;
        this.places = new Semaphore(size);
        this.completionLatency = completionLatency;
    }

    /** Sends {@code message} with this window as its completion listener, once a place is free. */
    void send(MessageProducer producer, Message message) throws JMSException, InterruptedException {
        places.acquire();
        try {
            producer.send(message, this);
        } catch (JMSException | RuntimeException e) {
            places.release();
            throw e;
        }
    }

    @Override
    public void onCompletion(Message message) {
        long now = System.nanoTime();
        try {
            if (completionLatency != null) {
                completionLatency.record(message, now);
            }
            lastCompletionNanos.accumulateAndGet(now, Math::max);
            completed.incrementAndGet();
        } catch (JMSException | RuntimeException e) {
            failed(e);
        } finally {
            places.release();
        }
    }

    @Override
    public void onException(Message message, Exception exception) {
        failed(exception);
        places.release();
    }

    private void failed(Exception exception) {
        failed.incrementAndGet();
        firstFailure.compareAndSet(null, exception);
    }

    /**
     * Waits until no send is outstanding and returns {@link System#nanoTime()} of the last completion.
     *
     * @throws IllegalStateException if they did not all complete within {@code timeout}, or not all of
     *                               the {@code sent} messages completed successfully
     */
    long awaitAll(long sent, Duration timeout) throws InterruptedException {
        if (!places.tryAcquire(size, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException("async sends: " + (size - places.availablePermits()) + " of " + sent
                    + " still outstanding after " + timeout + " (expected: none)");
        }
        places.release(size);
        if (failed.get() > 0) {
            throw new IllegalStateException("async sends: " + failed.get() + " of " + sent + " failed, first: "
                    + firstFailure.get() + " (expected: none)", firstFailure.get());
        }
        if (completed.get() != sent) {
            throw new IllegalStateException("async sends: " + completed.get() + " completions for " + sent
                    + " sends (expected: one each)");
        }
        return lastCompletionNanos.get();
    }
}
