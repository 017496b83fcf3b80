package io.natsjms.server.streaming;

import io.natsjms.store.PendingCommit;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * When the store is committed. Publishes commit at once (a PubAck means "committed"); changes that
 * may be lost in a crash at the cost of a redelivery (acks, pending records) are committed a little
 * later, together.
 *
 * <p>A batch of publishes commits with {@link #commitThen}: the engine writes the commit, then goes
 * on with other work while a force thread waits for the disk, and the batch is delivered and
 * acknowledged on the loop once the force returned. At most one such commit is in flight; every
 * other commit ({@link #commitNow}, the lazy one) first waits for it and finishes it, so that once
 * it returns, everything stored so far is durable and its batch is done.
 *
 * <p>When nothing else waits for the loop and the last force was quick, the loop forces the commit
 * itself: handing it to the force thread and back costs two thread wake-ups, which on a busy machine
 * with few cores can each wait for a time slice, longer than the force. After a slow force (a slow or
 * busy disk) the force thread takes over again, so the loop serves acks and deliveries meanwhile.
 */
final class Commits {

    /** Forces up to this long keep the next one on the loop (when it is idle); see {@link #forceOnLoopUpTo}. */
    static final long FORCE_ON_LOOP_UP_TO_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** How long an ack or pending record may wait for a commit. */
    static final long LAZY_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private static final System.Logger LOG = System.getLogger(Commits.class.getName());

    private final EngineLoop loop;
    private final Store store;
    /** Waits for the disk while the loop goes on; its one thread ends when idle. */
    private final ThreadPoolExecutor forcer;
    private ScheduledFuture<?> lazyCommit;
    /** The commit whose force is under way or whose outcome the loop has not handled yet, or {@code null}. */
    private InFlight inFlight;
    /** How long the last force took, in nanoseconds (written by whichever thread forced). */
    private volatile long lastForceNanos;
    private volatile long forceOnLoopUpTo = FORCE_ON_LOOP_UP_TO_NANOS;
    /** What the last commit failed with (the message clients may see), or {@code null} after a good one. */
    private volatile String failure;

    /** A started commit and what to do on the loop once it is durable or failed. */
    private record InFlight(CompletableFuture<StoreException> forced, Consumer<StoreException> then) {
    }

    Commits(EngineLoop loop, Store store) {
        this.loop = loop;
        this.store = store;
        this.forcer = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, "natsjms-commit-force");
            thread.setDaemon(true);
            return thread;
        });
        forcer.allowCoreThreadTimeOut(true);
    }

    /** Commits everything now; returns once it is durable. */
    void commitNow() {
        if (lazyCommit != null) {
            lazyCommit.cancel(false);
            lazyCommit = null;
        }
        finishInFlight();
        commit();
    }

    /** Makes sure everything changed so far is committed soon. */
    void commitSoon() {
        if (lazyCommit == null) {
            lazyCommit = loop.schedule(() -> {
                lazyCommit = null;
                if (inFlight != null) {
                    // the next batch's commit takes these changes along; if none comes, this timer does
                    commitSoon();
                    return;
                }
                commit();
            }, LAZY_DELAY_NANOS);
        }
    }

    /**
     * Commits everything now and runs {@code then} on the loop once the commit is durable (with
     * {@code null}) or failed (with the failure); it may run before this returns. Until then the
     * caller holds the commit's messages back from subscribers. Call it only when no commit is in
     * flight ({@link #inFlight()}).
     */
    void commitThen(Consumer<StoreException> then) {
        if (inFlight != null) {
            throw new IllegalStateException("a commit is in flight already");
        }
        if (lazyCommit != null) {
            lazyCommit.cancel(false);
            lazyCommit = null;
        }
        PendingCommit pending;
        try {
            pending = store.startCommit();
        } catch (StoreException e) {
            failure = e.publicMessage();
            then.accept(e);
            return;
        }
        if (pending == PendingCommit.DURABLE) {
            failure = null;
            then.accept(null);
            return;
        }
        InFlight flight = new InFlight(new CompletableFuture<>(), then);
        inFlight = flight;
        if (lastForceNanos <= forceOnLoopUpTo && loop.idle()) {
            force(pending, flight);
            finish(flight);
            return;
        }
        forcer.execute(() -> {
            force(pending, flight);
            loop.execute(this::finishIfForced);
        });
    }

    /**
     * Forces on the loop (when it is idle) only after a force that took at most {@code nanos}; {@code -1}: never.
     * The default is {@link #FORCE_ON_LOOP_UP_TO_NANOS}.
     */
    void forceOnLoopUpTo(long nanos) {
        forceOnLoopUpTo = nanos;
    }

    /** Forces {@code pending} on this thread and completes {@code flight} with the outcome. */
    private void force(PendingCommit pending, InFlight flight) {
        long start = System.nanoTime();
        StoreException failed = null;
        try {
            pending.force();
        } catch (StoreException e) {
            failed = e;
        } catch (RuntimeException | Error e) {
            failed = new StoreException(StoreException.Reason.IO, "forcing a commit failed: " + e, e);
        }
        lastForceNanos = System.nanoTime() - start;
        flight.forced().complete(failed);
    }

    /** Whether a commit started by {@link #commitThen} is not finished yet. */
    boolean inFlight() {
        return inFlight != null;
    }

    /** Waits for the commit in flight, if any, and finishes it (its batch is then delivered or failed). */
    void finishInFlight() {
        while (inFlight != null) {
            InFlight flight = inFlight;
            try {
                flight.forced().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Reason.IO, "interrupted while waiting for a commit", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the force task never fails its future", e);
            }
            finish(flight);
        }
    }

    /** On the loop, after the force thread is done: finishes the commit unless a wait finished it already. */
    private void finishIfForced() {
        InFlight flight = inFlight;
        if (flight != null && flight.forced().isDone()) {
            finish(flight);
        }
    }

    private void finish(InFlight flight) {
        inFlight = null;
        StoreException failed = flight.forced().join();
        if (failed != null) {
            failure = failed.publicMessage();
            LOG.log(System.Logger.Level.ERROR, "a commit could not be forced to disk: " + failed.getMessage());
        } else {
            failure = null;
        }
        flight.then().accept(failed);
    }

    private void commit() {
        try {
            store.commit();
        } catch (StoreException e) {
            failure = e.publicMessage();
            throw e;
        }
        failure = null;
    }

    /**
     * Commits again after a failed commit, so that a store that can write again is noticed without
     * waiting for traffic. A failure again is only recorded (the store has logged it).
     */
    void retryIfFailed() {
        if (failure != null && inFlight == null) {
            try {
                commit();
            } catch (StoreException e) {
                // still failing: failure() says so
            }
        }
    }

    /** Why the store can't write now (the last commit failed), or {@code null}; read from any thread. */
    String failure() {
        return failure;
    }
}
