package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.Payloads;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * What one {@code fdatasync} costs on the data directory's disk while a run goes on: a thread that
 * appends 1 KB to a file of its own and forces it ({@code FileChannel.force(false)}), a few times a
 * second, and records how long each force took. A commit that must reach the disk cannot be
 * acknowledged faster than this; on a disk shared with other tenants it swings with their load, so
 * the harness reports it next to the latencies it measured at the same time.
 */
final class FsyncProbe implements AutoCloseable {

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final FileChannel file;
    private final Path path;
    private final long intervalNanos;
    private final Histogram forces = new Histogram(HIGHEST_NANOS, 3);
    private final Thread thread;
    private volatile boolean stopped;
    private volatile IOException failure;

    private FsyncProbe(Path path, FileChannel file, int perSecond) {
        this.path = path;
        this.file = file;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.thread = new Thread(this::run, "bench-fsync-probe");
        thread.setDaemon(true);
    }

    /** Starts probing with a new file in {@code directory} (deleted on close), {@code perSecond} forces a second. */
    static FsyncProbe start(Path directory, int perSecond) throws IOException {
        Path file = Files.createTempFile(directory, "fsync-probe-", ".dat");
        FsyncProbe probe = new FsyncProbe(file, FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), perSecond);
        probe.thread.start();
        return probe;
    }

    private void run() {
        ByteBuffer data = ByteBuffer.wrap(Payloads.random()[1]);
        long next = System.nanoTime();
        try {
            while (!stopped) {
                data.rewind();
                while (data.hasRemaining()) {
                    file.write(data);
                }
                long started = System.nanoTime();
                file.force(false);
                long took = System.nanoTime() - started;
                synchronized (forces) {
                    forces.recordValue(Math.min(took, HIGHEST_NANOS));
                }
                next += intervalNanos;
                for (long wait = next - System.nanoTime(); wait > 0 && !stopped; wait = next - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Forgets what was recorded so far (the part of a run that is not measured). */
    void reset() {
        synchronized (forces) {
            forces.reset();
        }
    }

    /** The {@code percentile} of the forces recorded since the last {@link #reset}, in milliseconds. */
    double millisAt(double percentile) {
        if (failure != null) {
            throw new UncheckedIOException("fsync probe on " + path + " failed", failure);
        }
        synchronized (forces) {
            return forces.getValueAtPercentile(percentile) / 1e6;
        }
    }

    @Override
    public void close() throws IOException {
        stopped = true;
        LockSupport.unpark(thread);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            file.close();
        } finally {
            Files.deleteIfExists(path);
        }
    }
}
