package io.natsjms.server.streaming;

import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A delayed task of the {@link EngineLoop}. Cancelling it on the loop guarantees it will not run,
 * even when its timer already fired and queued it: the flag is checked on the loop before running.
 */
final class LoopTimer implements ScheduledFuture<Object>, Runnable {

    private final Runnable task;
    private ScheduledFuture<?> timer;
    private volatile boolean cancelled;

    LoopTimer(Runnable task) {
        this.task = task;
    }

    void attach(ScheduledFuture<?> timer) {
        this.timer = timer;
    }

    @Override
    public void run() {
        if (!cancelled) {
            task.run();
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        cancelled = true;
        return timer.cancel(false);
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean isDone() {
        return cancelled || timer.isDone();
    }

    @Override
    public long getDelay(TimeUnit unit) {
        return timer.getDelay(unit);
    }

    @Override
    public int compareTo(Delayed other) {
        return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public Object get() throws InterruptedException, ExecutionException {
        return timer.get();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        return timer.get(timeout, unit);
    }
}
