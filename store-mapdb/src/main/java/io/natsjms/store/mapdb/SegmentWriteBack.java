package io.natsjms.store.mapdb;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Forces, on a background thread, the segment files that commits wrote without forcing them (their
 * bytes went with the journal frame, see {@link WriteAheadLog}), once {@value #BYTES} bytes or
 * {@value #MILLIS} ms have gathered. Nothing depends on it for durability: the checkpoint forces
 * every such file before it lets go of the journal. It keeps what is left for the checkpoint small,
 * so that a checkpoint (which runs between two commits) and a recovery after a crash do not have to
 * write out a whole checkpoint interval of messages at once. A force that fails here is left to the
 * checkpoint's own force, which reports it.
 */
final class SegmentWriteBack implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SegmentWriteBack.class.getName());

    /** Unforced bytes that wake the thread before its period is up. */
    static final long BYTES = 4L * 1024 * 1024;
    /**
     * The period: long, since each of its forces may hold up a commit's sync behind it in the file
     * system's journal (every 200 ms made the p99 of synchronous publishes 1.02-1.18x higher).
     */
    static final long MILLIS = 10_000;

    private final SegmentForcer forcer;
    private final Set<SegmentLog> written = ConcurrentHashMap.newKeySet();
    private final AtomicLong gathered = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private volatile boolean closed;

    SegmentWriteBack(SegmentForcer forcer) {
        this.forcer = forcer;
        this.thread = new Thread(this::run, "natsjms-mapdb-writeback");
        thread.setDaemon(true);
        thread.start();
    }

    /** A commit wrote {@code bytes} to {@code log} without forcing it. */
    void written(SegmentLog log, long bytes) {
        written.add(log);
        if (gathered.addAndGet(bytes) >= BYTES) {
            lock.lock();
            try {
                wake.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    private void run() {
        while (!closed) {
            lock.lock();
            try {
                if (gathered.get() < BYTES) {
                    wake.await(MILLIS, TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            if (written.isEmpty()) {
                continue;
            }
            gathered.set(0);
            List<SegmentLog> logs = new ArrayList<>(written);
            written.removeAll(logs);
            List<Forceable> forces = new ArrayList<>(logs.size());
            for (SegmentLog log : logs) {
                forces.add(log.pendingForce());
            }
            try {
                forcer.start(forces).await();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "a background force of segment files failed (the checkpoint"
                        + " forces them again): " + e);
            }
        }
    }

    /**
     * Stops the thread and waits for a force under way (not interrupted: an interrupted force would
     * close the file channel every reader shares).
     */
    @Override
    public void close() {
        closed = true;
        lock.lock();
        try {
            wake.signal();
        } finally {
            lock.unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
