package io.natsjms.stan;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The threads a connection owns: its timer (PINGs, publish timeouts, connection-lost handling) and,
 * when the settings carry a thread factory, the executor jnats runs its reader, writer and
 * dispatchers on. Both are made from {@link StanSettings#threadFactory()} when set.
 *
 * @param timer        one thread; cancelled tasks are removed, delayed ones dropped at shutdown
 * @param natsExecutor the executor handed to jnats, or {@code null} to let jnats make its own
 */
record ConnectionThreads(ScheduledThreadPoolExecutor timer, ExecutorService natsExecutor) {

    static ConnectionThreads create(StanSettings settings) {
        ThreadFactory factory = settings.threadFactory();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, factory != null ? factory
                : new DaemonThreads("natsjms-stan-" + settings.clientId() + "-timer"));
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return new ConnectionThreads(timer, factory == null ? null : Executors.newCachedThreadPool(factory));
    }

    /** Lets running tasks finish and starts nothing new; call after the NATS connection closed. */
    void stop() {
        timer.shutdown();
        if (natsExecutor != null) {
            natsExecutor.shutdown();
        }
    }
}
