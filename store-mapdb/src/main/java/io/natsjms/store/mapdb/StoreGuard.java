package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;

/**
 * The lock of one store (every mutation synchronizes on it) and whether the store was closed.
 */
final class StoreGuard {

    private final String directory;
    /** Guarded by this. */
    private boolean closed;

    StoreGuard(String directory) {
        this.directory = directory;
    }

    /** Call while holding this lock. */
    void ensureOpen() {
        if (closed) {
            throw new StoreException(StoreException.Reason.CLOSED, "store " + directory + " is closed");
        }
    }

    boolean closed() {
        return closed;
    }

    void markClosed() {
        closed = true;
    }
}
