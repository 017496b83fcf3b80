package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forces the segment files of one group commit, many at once. A commit that appended to many
 * channels must make one segment file per channel durable; forced one after another, each
 * {@code fdatasync} waits for its own file-system journal commit (every append grows the file, so
 * every sync also writes the file's size), and the commit takes the sum of them: with hundreds of
 * channels, hundreds of milliseconds for every publisher in the batch. Issued together, the syncs
 * share the file system's journal commits and the device's queue, and the commit takes about as
 * long as the slowest of them.
 *
 * <p>Up to {@link #THREADS} idle-timing-out daemon threads take the files from one shared list, and
 * so does the committing thread once its journal is forced: on a machine whose cores are all busy
 * a woken thread may wait for a while before it runs, and the commit does not wait for it to take
 * its share. The next commit starts after this one returned, so no commit queues behind another's
 * leftovers. Every file is forced even when one fails; {@link Running#await} then throws the first
 * failure with the others suppressed.
 */
final class SegmentForcer implements AutoCloseable {

    /** The most segment files forced at the same time (more wait for a free thread). */
    static final int THREADS = 32;

    private static final long IDLE_SECONDS = 30;

    private final int threads;
    private final ThreadPoolExecutor pool;

    SegmentForcer() {
        this(THREADS);
    }

    SegmentForcer(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: " + threads + " (expected: >= 1)");
        }
        this.threads = threads;
        AtomicInteger created = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread thread = new Thread(r, "natsjms-mapdb-force-" + created.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts forcing every one of {@code logs}; the caller may do its own force meanwhile, then
     * {@linkplain Running#await awaits} (and forces what no thread has taken yet itself).
     */
    Running start(List<? extends Forceable> logs) {
        Running running = new Running(logs);
        for (int w = Math.min(threads, logs.size()); w > 0; w--) {
            pool.execute(running::work);
        }
        return running;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The forces of one commit, under way. */
    static final class Running {

        private final List<Forceable> logs;
        /** The index of the next log to force: each is taken by exactly one thread. */
        private final AtomicInteger next = new AtomicInteger();
        /** Counts the logs whose force has not ended yet. */
        private final CountDownLatch remaining;
        /** The first failure, the later ones suppressed in it; guarded by this. */
        private RuntimeException failure;

        private Running(List<? extends Forceable> logs) {
            this.logs = List.copyOf(logs);
            this.remaining = new CountDownLatch(this.logs.size());
        }

        /** Forces logs nobody has taken yet, until none is left. */
        private void work() {
            for (int i = next.getAndIncrement(); i < logs.size(); i = next.getAndIncrement()) {
                try {
                    logs.get(i).force();
                } catch (RuntimeException e) {
                    failed(e);
                } finally {
                    remaining.countDown();
                }
            }
        }

        private synchronized void failed(RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }

        /**
         * Forces the logs no thread has taken yet (on a busy machine the threads may not even have
         * started), then waits until every log was forced.
         *
         * @throws StoreException the first force that failed (a {@link StoreException} as the log
         *                        threw it, any other exception wrapped in one)
         */
        void await() {
            work();
            try {
                remaining.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Reason.IO, "interrupted while forcing segment files", e);
            }
            RuntimeException first;
            synchronized (this) {
                first = failure;
            }
            if (first instanceof StoreException failed) {
                throw failed;
            }
            if (first != null) {
                throw new StoreException(StoreException.Reason.IO, "cannot force segment files: " + first, first);
            }
        }
    }
}
