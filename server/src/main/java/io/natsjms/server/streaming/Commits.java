package io.natsjms.server.streaming;

import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * When the store is committed. Publishes commit at once (a PubAck means "committed"); changes that
 * may be lost in a crash at the cost of a redelivery (acks, pending records) are committed a little
 * later, together.
 */
final class Commits {

    /** How long an ack or pending record may wait for a commit. */
    static final long LAZY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final EngineLoop loop;
    private final Store store;
    private ScheduledFuture<?> lazyCommit;
    /** What the last commit failed with (the message clients may see), or {@code null} after a good one. */
    private volatile String failure;

    Commits(EngineLoop loop, Store store) {
        this.loop = loop;
        this.store = store;
    }

    /** Commits everything now. */
    void commitNow() {
        if (lazyCommit != null) {
            lazyCommit.cancel(false);
            lazyCommit = null;
        }
        commit();
    }

    /** Makes sure everything changed so far is committed soon. */
    void commitSoon() {
        if (lazyCommit == null) {
            lazyCommit = loop.schedule(() -> {
                lazyCommit = null;
                commit();
            }, LAZY_DELAY_NANOS);
        }
    }

    private void commit() {
        try {
            store.commit();
        } catch (StoreException e) {
            failure = e.publicMessage();
            throw e;
        }
        failure = null;
    }

    /**
     * Commits again after a failed commit, so that a store that can write again is noticed without
     * waiting for traffic. A failure again is only recorded (the store has logged it).
     */
    void retryIfFailed() {
        if (failure != null) {
            try {
                commit();
            } catch (StoreException e) {
                // still failing: failure() says so
            }
        }
    }

    /** Why the store can't write now (the last commit failed), or {@code null}; read from any thread. */
    String failure() {
        return failure;
    }
}
