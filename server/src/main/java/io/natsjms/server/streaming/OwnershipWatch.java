package io.natsjms.server.streaming;

import io.natsjms.store.Store;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Checks, every few milliseconds, that the store is still this server's ({@link Store#isOwned()}),
 * and calls a handler once when it is not. Nothing is scheduled for a store only this process can
 * open.
 */
final class OwnershipWatch implements AutoCloseable {

    private static final long PERIOD_MILLIS = 20;

    private final ScheduledExecutorService timer;

    private OwnershipWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * @param shared whether other processes can take the store over (only then is it watched)
     */
    static OwnershipWatch start(Store store, boolean shared, Runnable onLost) {
        if (!shared) {
            return new OwnershipWatch(null);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "natsjms-ownership");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(() -> {
            if (!store.isOwned()) {
                timer.shutdown();
                onLost.run();
            }
        }, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        return new OwnershipWatch(timer);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
