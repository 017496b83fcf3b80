package io.natsjms.store.jetstream;

import io.natsjms.store.StoreException;

/** Whether the store may still be used: open, and (for changes) still holding its lease. */
final class StoreGuard {

    private final String prefix;
    private final Lease lease;
    private volatile boolean closed;

    StoreGuard(String prefix, Lease lease) {
        this.prefix = prefix;
        this.lease = lease;
    }

    /** @throws StoreException {@code CLOSED} once the store is closed */
    void checkOpen() {
        if (closed) {
            throw new StoreException(StoreException.Reason.CLOSED, "store \"jetstream\" (" + prefix + ") is closed");
        }
    }

    /** @throws StoreException {@code CLOSED} once closed, {@code IO} once the lease may have been lost */
    void checkWritable() {
        checkOpen();
        lease.requireValid();
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the store closed; returns whether it was open until now. */
    synchronized boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
