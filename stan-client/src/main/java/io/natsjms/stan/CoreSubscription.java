package io.natsjms.stan;

import java.util.concurrent.atomic.AtomicBoolean;

/** A core-NATS subscription made by {@link StanConnection#subscribeCore}; {@link #close()} ends it. */
public final class CoreSubscription implements AutoCloseable {

    private final String subject;
    private final Runnable unsubscribe;
    private final AtomicBoolean closed = new AtomicBoolean();

    CoreSubscription(String subject, Runnable unsubscribe) {
        this.subject = subject;
        this.unsubscribe = unsubscribe;
    }

    /** The subscribed subject. */
    public String subject() {
        return subject;
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.get();
    }

    /** Unsubscribes; idempotent. Messages already being handled finish. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            unsubscribe.run();
        }
    }
}
