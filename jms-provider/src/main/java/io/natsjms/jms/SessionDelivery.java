package io.natsjms.jms;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The threads of one session: one runs its message listeners, one at a time (a session is
 * single-threaded); another runs its completion listeners, in send order. Both start on first use.
 */
final class SessionDelivery {

    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final int number = SESSIONS.incrementAndGet();
    /** Held while a message listener runs, so stop() and close() can wait for it. */
    private final ReentrantLock running = new ReentrantLock();
    private ExecutorService listeners;
    private ExecutorService completions;
    private volatile Thread listenerThread;
    private volatile Thread completionThread;
    private CompletableFuture<Void> completionTail = CompletableFuture.completedFuture(null);

    /** Runs {@code task} on the listener thread. */
    synchronized void schedule(Runnable task) {
        if (listeners == null) {
            listeners = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "natsjms-session-" + number);
                thread.setDaemon(true);
                listenerThread = thread;
                return thread;
            });
        }
        if (!listeners.isShutdown()) {
            listeners.execute(task);
        }
    }

    /**
     * Runs one listener invocation while holding the delivery lock, if {@code allowed} still says so once
     * the lock is held; returns whether it ran.
     */
    boolean runListener(BooleanSupplier allowed, Runnable invocation) {
        running.lock();
        try {
            if (!allowed.getAsBoolean()) {
                return false;
            }
            invocation.run();
            return true;
        } finally {
            running.unlock();
        }
    }

    /** Waits until no message listener of this session runs (returns at once on the listener thread). */
    void awaitIdle() {
        if (Thread.currentThread() == listenerThread) {
            return;
        }
        running.lock();
        running.unlock();
    }

    /**
     * Runs {@code callback} on the completion thread once {@code sent} is done and every earlier
     * callback has run.
     */
    synchronized void afterSend(CompletableFuture<?> sent, Runnable callback) {
        if (completions == null) {
            completions = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "natsjms-completion-" + number);
                thread.setDaemon(true);
                completionThread = thread;
                return thread;
            });
        }
        completionTail = CompletableFuture.allOf(completionTail, sent.handle((result, failure) -> null))
                .thenRunAsync(callback, completions)
                .exceptionally(failure -> null);
    }

    /** Waits (at most {@code timeoutMillis}) until every completion listener of sends so far has run. */
    void awaitCompletions(long timeoutMillis) {
        CompletableFuture<Void> tail;
        synchronized (this) {
            tail = completionTail;
        }
        if (Thread.currentThread() == completionThread) {
            return;
        }
        try {
            tail.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean isListenerThread() {
        return Thread.currentThread() == listenerThread;
    }

    /** Whether the caller is this session's message-listener or completion-listener thread. */
    boolean isCallbackThread() {
        Thread current = Thread.currentThread();
        return current == listenerThread || current == completionThread;
    }

    synchronized void shutdown() {
        if (listeners != null) {
            listeners.shutdown();
        }
        if (completions != null) {
            completions.shutdown();
        }
    }
}
