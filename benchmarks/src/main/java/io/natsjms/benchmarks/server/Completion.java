package io.natsjms.benchmarks.server;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Counts the acknowledgements (or deliveries) a run expects and remembers the first error, so that a
 * run whose messages were not all accepted fails instead of reporting a rate.
 */
public final class Completion {

    private final long expected;
    private final CountDownLatch remaining;
    private final AtomicLong pending;
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile long lastNanos;

    public Completion(long expected) {
        if (expected < 1 || expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected: " + expected + " (expected: 1 to " + Integer.MAX_VALUE + ")");
        }
        this.expected = expected;
        this.remaining = new CountDownLatch((int) expected);
        this.pending = new AtomicLong(expected);
    }

    /** One message completed; {@code error} is {@code null} or empty when it succeeded. */
    public void complete(String error) {
        if (error != null && !error.isEmpty()) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, error);
        }
        if (pending.decrementAndGet() == 0) {
            lastNanos = System.nanoTime();
        }
        remaining.countDown();
    }

    /**
     * Waits for every expected message and returns {@link System#nanoTime()} of the last one.
     *
     * @throws IllegalStateException if they did not all complete within {@code timeout}, or some failed
     */
    public long await(Duration timeout, String what) throws InterruptedException {
        if (!remaining.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(what + ": " + (expected - remaining.getCount()) + " of " + expected
                    + " completed within " + timeout + " (expected: all)");
        }
        if (errors.get() > 0) {
            throw new IllegalStateException(what + ": " + errors.get() + " of " + expected
                    + " failed, first error \"" + firstError.get() + "\" (expected: none)");
        }
        return lastNanos;
    }
}
