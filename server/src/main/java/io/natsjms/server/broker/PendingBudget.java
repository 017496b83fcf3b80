package io.natsjms.server.broker;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbound bytes of all clients together: what was handed to some client and has not reached its
 * socket yet. Each client's own limit ({@link BrokerConfig#maxPending()}) alone does not bound the
 * broker's memory, as many clients that read nothing could each hold up to it; this budget does.
 * While the total is over the budget, a client that holds more than an equal share of it
 * ({@link #fairShare()}: the budget divided by the clients holding any pending bytes) gets no more
 * and is dropped as a slow consumer. Clients that read what they get hold little and are unaffected.
 *
 * <p>Thread-safe: clients are charged on their publishers' event loops and credited on their own.
 */
final class PendingBudget {

    private final long limit;
    private final AtomicLong total = new AtomicLong();
    private final AtomicInteger holders = new AtomicInteger();

    PendingBudget(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit: " + limit + " (expected: >= 1)");
        }
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Bytes pending for all clients together now. */
    long total() {
        return total.get();
    }

    /** The share of the budget each client holding pending bytes may keep while the budget is exhausted. */
    long fairShare() {
        return limit / Math.max(1, holders.get());
    }

    /**
     * Charges {@code bytes} to a client that now holds {@code clientPending} bytes (these included)
     * and held {@code clientPending - bytes} before; returns whether the budget is now exceeded.
     */
    boolean charge(long bytes, long clientPending) {
        if (clientPending == bytes && bytes > 0) {
            holders.incrementAndGet();
        }
        return total.addAndGet(bytes) > limit;
    }

    /** Credits {@code bytes} back for a client that holds {@code clientPending} bytes now (after the credit). */
    void credit(long bytes, long clientPending) {
        if (clientPending == 0 && bytes > 0) {
            holders.decrementAndGet();
        }
        total.addAndGet(-bytes);
    }
}
