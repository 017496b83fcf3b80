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
 * <p>Up to {@link #THREADS} idle-timing-out daemon threads take the files from one shared list, so
 * a commit never queues behind another's leftovers (the next commit starts after this one
 * returned). Every file is forced even when one fails; {@link Running#await} then throws the first
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

    /** Starts forcing every one of {@code logs}; the caller may do its own force meanwhile, then awaits. */
    Running start(List<SegmentLog> logs) {
        int workers = Math.min(threads, logs.size());
        Running running = new Running(workers);
        AtomicInteger next = new AtomicInteger();
        for (int w = 0; w < workers; w++) {
            pool.execute(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < logs.size(); i = next.getAndIncrement()) {
                        try {
                            logs.get(i).force();
                        } catch (RuntimeException e) {
                            running.failed(e);
                        }
                    }
                } finally {
                    running.done.countDown();
                }
            });
        }
        return running;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** The forces of one commit, under way. */
    static final class Running {

        private final CountDownLatch done;
        /** The first failure, the later ones suppressed in it; guarded by this. */
        private RuntimeException failure;

        private Running(int workers) {
            this.done = new CountDownLatch(workers);
        }

        private synchronized void failed(RuntimeException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }

        /**
         * Waits until every file was forced.
         *
         * @throws StoreException the first force that failed (a {@link StoreException} as the log
         *                        threw it, any other exception wrapped in one)
         */
        void await() {
            try {
                done.await();
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
