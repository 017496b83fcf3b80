package io.natsjms.store.memory;

import io.natsjms.store.StoreException;
import java.util.concurrent.atomic.AtomicBoolean;

/** Whether the memory store is still open; shared by the store and all its channels. */
final class OpenGuard {

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Marks the store closed; returns whether it was open until now. */
    boolean close() {
        return closed.compareAndSet(false, true);
    }

    /** @throws StoreException {@code CLOSED} once the store is closed */
    void check() {
        if (closed.get()) {
            throw new StoreException(StoreException.Reason.CLOSED, "store \"memory\" is closed");
        }
    }
}
