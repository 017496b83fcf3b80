package io.natsjms.server.streaming;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that owns all of the engine's state. Requests, acks, publishes, timers and
 * heartbeat results all run here in arrival order, so the engine needs no locks and requests of one
 * client are handled in the order the client sent them.
 */
final class EngineLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EngineLoop.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;

    EngineLoop(String name) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs {@code task} on the loop after everything queued before it. */
    void execute(Runnable task) {
        if (!executor.isShutdown()) {
            executor.execute(() -> runLogged(task));
        }
    }

    /** Runs {@code task} on the loop after {@code delayNanos}. */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return executor.schedule(() -> runLogged(task), Math.max(0, delayNanos), TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on the loop and waits for its result (for callers outside the loop). */
    <T> T call(Callable<T> task) {
        if (inLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        Future<T> future = executor.submit(task);
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the engine did not answer within 30 s", e);
        }
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "engine task failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
