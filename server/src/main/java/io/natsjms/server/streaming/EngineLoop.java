package io.natsjms.server.streaming;

import java.lang.System.Logger.Level;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that owns all of the engine's state. Requests, acks, publishes, timers and
 * heartbeat results all run here in arrival order, so the engine needs no locks and requests of one
 * client are handled in the order the client sent them.
 *
 * <p>Immediate tasks go through a plain FIFO queue (the hot path: one per incoming message). Delayed
 * tasks wait on a separate timer thread that only hands them to that queue when due; a timer
 * cancelled on the loop never runs, even if it was already handed over.
 */
final class EngineLoop implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(EngineLoop.class.getName());
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final ScheduledThreadPoolExecutor timers;
    private final Thread thread;
    private volatile boolean closed;

    EngineLoop(String name) {
        timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, name + "-timers");
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (true) {
            Runnable task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (task == STOP) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "engine task failed: " + e.getMessage(), e);
            }
        }
    }

    /** Runs {@code task} on the loop after everything queued before it. */
    void execute(Runnable task) {
        if (!closed) {
            queue.add(task);
        }
    }

    /** Runs {@code task} on the loop after {@code delayNanos}, unless cancelled first. */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        LoopTimer timer = new LoopTimer(task);
        timer.attach(timers.schedule(() -> execute(timer), Math.max(0, delayNanos), TimeUnit.NANOSECONDS));
        return timer;
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
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get(30, TimeUnit.SECONDS);
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

    @Override
    public void close() {
        closed = true;
        timers.shutdownNow();
        queue.add(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
    }
}
