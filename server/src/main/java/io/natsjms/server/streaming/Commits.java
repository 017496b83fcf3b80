package io.natsjms.server.streaming;

import io.natsjms.store.Store;
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
        store.commit();
    }

    /** Makes sure everything changed so far is committed soon. */
    void commitSoon() {
        if (lazyCommit == null) {
            lazyCommit = loop.schedule(() -> {
                lazyCommit = null;
                store.commit();
            }, LAZY_DELAY_NANOS);
        }
    }
}
