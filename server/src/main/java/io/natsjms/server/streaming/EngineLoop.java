package io.natsjms.server.streaming;

import io.natsjms.server.FatalErrors;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
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
 * <p>Immediate tasks go through a plain FIFO queue (the hot path: one per incoming message), which the
 * loop takes from in batches. Delayed tasks wait on a separate timer thread that only hands them to
 * that queue when due; a timer cancelled on the loop never runs, even if it was already handed over.
 *
 * <p>Input from clients comes one of two ways. From a transport thread that may wait (jnats'), through
 * {@link #submit}, which is bounded ({@link InputLimit}): when the loop falls behind, the submitting
 * thread waits, so the backlog stays in the transport, which bounds it in turn. From threads that must
 * never wait (the embedded broker's event loops), through an {@link InboundQueue}, which bounds it by
 * dropping and hands it over with {@link #execute}. Tasks the engine makes itself ({@link #execute})
 * are never refused, so the loop can never wait for itself.
 *
 * <p>A task that throws a {@link RuntimeException} is logged and the loop goes on. An {@link Error}
 * stops the loop for good and is reported to {@link FatalErrors}: the engine's state is unknown then,
 * and a server that carried on would answer nothing.
 */
final class EngineLoop implements AutoCloseable {

    /** How long {@link #call(Callable)} waits for an answer by default. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(EngineLoop.class.getName());
    private static final Runnable STOP = () -> { };
    /** Tasks taken from the queue at once, at most (one lock for all of them). */
    private static final int BATCH = 256;

    /** Input tasks queued before {@link #submit} waits: at most this many. */
    static final int MAX_QUEUED_INPUTS = 16 * 1024;
    /**
     * Input tasks queued before {@link #submit} waits: at most this many payload bytes (32 MB, or a
     * sixteenth of the heap when that is smaller).
     */
    static final long MAX_QUEUED_INPUT_BYTES = Math.min(32L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 16);

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    /** The tasks taken from the queue and not run yet; the loop's own. */
    private final ArrayDeque<Runnable> batch = new ArrayDeque<>(BATCH);
    private final InputLimit inputs;
    private final Duration answerWithin;
    private final ScheduledThreadPoolExecutor timers;
    private final Thread thread;
    private volatile boolean closed;
    /** Runs on the loop after every batch of tasks, before it waits for more. */
    private volatile Runnable afterBatch = () -> { };
    /** The error that stopped the loop, or {@code null}. */
    private volatile Error failure;

    EngineLoop(String name) {
        this(name, MAX_QUEUED_INPUTS, MAX_QUEUED_INPUT_BYTES);
    }

    EngineLoop(String name, int maxQueuedInputs, long maxQueuedInputBytes) {
        this(name, maxQueuedInputs, maxQueuedInputBytes, ANSWER_WITHIN);
    }

    EngineLoop(String name, int maxQueuedInputs, long maxQueuedInputBytes, Duration answerWithin) {
        this.answerWithin = answerWithin;
        inputs = new InputLimit(maxQueuedInputs, maxQueuedInputBytes);
        timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread t = new Thread(runnable, name + "-timers");
            t.setDaemon(true);
            t.setUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        timers.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread = new Thread(this::run, name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
        thread.start();
    }

    private void run() {
        while (true) {
            if (queue.drainTo(batch, BATCH) == 0) {
                try {
                    batch.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
            }
            for (Runnable task = batch.poll(); task != null; task = batch.poll()) {
                if (task == STOP) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "engine task failed: " + e, e);
                } catch (Error e) {
                    stopAfter(e);
                    return;
                }
            }
            try {
                afterBatch.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "engine task failed: " + e, e);
            } catch (Error e) {
                stopAfter(e);
                return;
            }
        }
    }

    /**
     * Runs {@code hook} on the loop after each batch of tasks (up to {@value #BATCH} taken at once),
     * before the loop looks for more: for work that the tasks of a batch leave to be done once for all
     * of them, such as sending their output. Replaces the previous hook.
     */
    void afterEachBatch(Runnable hook) {
        afterBatch = hook;
    }

    /** Refuses everything from now on, frees waiting submitters, and reports the error. */
    private void stopAfter(Error error) {
        failure = error;
        closed = true;
        inputs.close();
        queue.clear();
        timers.shutdownNow();
        FatalErrors.report(error);
    }

    /** Runs {@code task} on the loop after everything queued before it; never waits. */
    void execute(Runnable task) {
        if (!closed) {
            queue.add(task);
        }
    }

    /**
     * Queues input from a client, carrying {@code bytes} of payload; waits while the loop has too
     * much input queued already (unless called on the loop itself). Input is dropped once the loop is
     * closed.
     */
    void submit(Runnable task, int bytes) {
        if (closed) {
            return;
        }
        if (inLoop()) {
            queue.add(task);
            return;
        }
        try {
            inputs.acquire(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (closed) {
            return;
        }
        queue.add(() -> {
            inputs.release(bytes);
            task.run();
        });
    }

    /** Runs {@code task} on the loop after {@code delayNanos}, unless cancelled first. */
    ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        LoopTimer timer = new LoopTimer(task);
        timer.attach(timers.schedule(() -> execute(timer), Math.max(0, delayNanos), TimeUnit.NANOSECONDS));
        return timer;
    }

    /** Runs {@code task} on the loop and waits up to 30 s (by default) for its result (for callers outside the loop). */
    <T> T call(Callable<T> task) {
        return call(task, answerWithin.toNanos());
    }

    /**
     * As {@link #call(Callable)}, but waits for as long as the task runs: for work whose length grows
     * with the store, such as restoring the recovered state at start-up. Still returns at once when the
     * loop stops on a fatal error.
     */
    <T> T callUntilDone(Callable<T> task) {
        return call(task, Long.MAX_VALUE);
    }

    private <T> T call(Callable<T> task, long timeoutNanos) {
        if (inLoop()) {
            try {
                return task.call();
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }
        if (closed) {
            throw stopped();
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
            return await(result, timeoutNanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the engine", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw failure != null ? stopped() : new IllegalStateException("the engine did not answer within "
                    + answerWithin.toMillis() + " ms", e);
        }
    }

    /**
     * Waits up to {@code timeoutNanos} ({@code Long.MAX_VALUE}: no limit) for the result, but not a moment
     * longer once the loop stopped on an error.
     */
    private <T> T await(CompletableFuture<T> result, long timeoutNanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
        while (true) {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0 || failure != null) {
                throw new TimeoutException();
            }
            try {
                return result.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // look again whether the loop stopped
            }
        }
    }

    private IllegalStateException stopped() {
        Error error = failure;
        return error == null
                ? new IllegalStateException("the engine is closed")
                : new IllegalStateException("the engine stopped after a fatal error: " + error, error);
    }

    /**
     * Why the loop no longer runs tasks, or {@code null} while it does: the fatal error that
     * stopped it, or its closing. Never waits.
     */
    String stoppedReason() {
        Error error = failure;
        if (error != null) {
            return "the engine stopped after a fatal error: " + error;
        }
        return closed ? "the engine is closed" : null;
    }

    /** On the loop: whether no other task waits to run now (timers not yet due do not count). */
    boolean idle() {
        return batch.isEmpty() && queue.isEmpty();
    }

    boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void close() {
        closed = true;
        inputs.close();
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
