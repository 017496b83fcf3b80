package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded randomized test of {@link SegmentLog} reads with read-ahead against a model (the records appended,
 * committed and still held): random appends of random sizes (some bigger than a window), commits, writes and
 * forces that fail ({@link FaultyFiles}) or tear ({@link TearingFiles}) followed by a retry or a cut back, segments
 * deleted by retention, the log closed and opened again, and sequential runs and random reads from this thread
 * while a second thread reads committed records. Every read returns exactly the model's bytes (never a false
 * {@code CORRUPT}). Replay a failure with {@code -Dnatsjms.readahead.seed=<seed>}.
 */
class ReadAheadModelTest {

    private static final int STEPS = 3_000;

    @TempDir
    Path dir;

    private final FaultyFiles faults = new FaultyFiles();
    private final TearingFiles files = new TearingFiles(faults);
    private Random random;
    private long seed;
    private int step;
    private long segmentBytes;
    private volatile SegmentLog log;
    /** Committed records still held, oldest first; then the ones appended since the last commit. */
    private final List<Stored> committed = new ArrayList<>();
    private final List<Stored> pending = new ArrayList<>();
    /** What the second reader may read: committed records, and the segments below this are deleted. */
    private volatile List<Stored> published = List.of();
    private volatile long deletedBelow;
    private volatile boolean stop;
    private long commits;
    /** The sequence of the last committed record (held or not). */
    private long lastCommitted;

    private record Stored(long sequence, LogPosition at, byte[] body) {
    }

    @Test
    void everyReadReturnsTheModelsBytes() throws Exception {
        seed = Long.getLong("natsjms.readahead.seed", System.nanoTime());
        System.out.println("ReadAheadModelTest seed " + seed + " (replay with -Dnatsjms.readahead.seed=" + seed + ")");
        random = new Random(seed);
        segmentBytes = new long[] {64 * 1024, 300 * 1024, 1 << 20}[random.nextInt(3)];
        log = new SegmentLog(dir.resolve("c"), segmentBytes, LogPosition.START, files);
        AtomicReference<Throwable> readerFailure = new AtomicReference<>();
        Thread reader = new Thread(() -> readCommitted(new Random(seed + 1), readerFailure), "second-reader");
        reader.start();
        try {
            for (step = 0; step < STEPS && readerFailure.get() == null; step++) {
                int op = random.nextInt(100);
                if (op < 40) {
                    append();
                } else if (op < 48) {
                    writeOut();
                } else if (op < 62) {
                    commit();
                } else if (op < 66) {
                    retain();
                } else if (op < 68) {
                    reopen();
                } else if (op < 88) {
                    readRun(1 + random.nextInt(random.nextBoolean() ? 20 : 400));
                } else {
                    readAtRandom(1 + random.nextInt(20));
                }
            }
            held().forEach(this::readsBack);
        } finally {
            stop = true;
            reader.join();
            log.close();
        }
        assertThat(readerFailure.get()).as("the second reader, seed %d", seed).isNull();
    }

    private void append() {
        int length = switch (random.nextInt(20)) {
            case 0 -> ReadAhead.WINDOW - SegmentRecord.HEADER + random.nextInt(3) - 1; // around a window
            case 1 -> 100_000 + random.nextInt(100_000);
            case 2, 3 -> 2_000 + random.nextInt(20_000);
            default -> random.nextInt(2_000);
        };
        byte[] body = new byte[length];
        random.nextBytes(body);
        long sequence = last() + 1;
        pending.add(new Stored(sequence, log.append(sequence, 0, body), body));
    }

    private long last() {
        if (!pending.isEmpty()) {
            return pending.get(pending.size() - 1).sequence();
        }
        return lastCommitted;
    }

    /** Hands the buffer to the OS; a torn write is then retried or cut back, maybe after some reads. */
    private void writeOut() {
        if (random.nextInt(3) > 0) {
            log.writeOut();
            return;
        }
        files.tearNext();
        try {
            log.writeOut();
            files.cancelTear(); // nothing was buffered
            return;
        } catch (StoreException e) {
            assertThat(e).hasMessageContaining(FaultyFiles.EIO);
        }
        readRun(1 + random.nextInt(100));
        if (random.nextBoolean()) {
            log.writeOut();
        } else {
            cutBack();
        }
    }

    /** A commit: its marker, the write and the force; a failed one is cut back, maybe after some reads. */
    private void commit() {
        log.mark(++commits);
        int fault = random.nextInt(8);
        switch (fault) {
            case 0 -> faults.failNext("write msgs", FaultyFiles.ENOSPC);
            case 1 -> faults.failNext("force msgs", FaultyFiles.EIO);
            case 2 -> files.tearNext();
            default -> { }
        }
        if (fault > 2) {
            log.force();
            log.committedNow();
            committed.addAll(pending);
            lastCommitted = last();
            pending.clear();
            published = List.copyOf(committed);
            return;
        }
        assertThatThrownBy(log::force).as("seed %d step %d", seed, step).isInstanceOf(StoreException.class);
        if (random.nextBoolean()) {
            readRun(1 + random.nextInt(100));
        }
        cutBack();
    }

    private void cutBack() {
        log.rollback();
        pending.clear();
    }

    /**
     * Retention: drops the oldest committed records and deletes the segments only they were in. As in the store
     * (a checkpoint after a commit), never the segment of the committed end or a later one.
     */
    private void retain() {
        int drop = Math.min(committed.size(), random.nextInt(200));
        committed.subList(0, drop).clear();
        published = List.copyOf(committed);
        long oldest = log.committed().segment();
        if (!committed.isEmpty()) {
            oldest = Math.min(oldest, committed.get(0).at().segment());
        }
        deletedBelow = Math.max(deletedBelow, oldest);
        log.deleteBefore(oldest);
    }

    /** A restart: what was not committed is cut off the files, and a new log opens at the committed end. */
    private void reopen() {
        LogPosition end = log.committed();
        log.close();
        pending.clear();
        SegmentLog.truncateAfter(dir.resolve("c"), end);
        log = new SegmentLog(dir.resolve("c"), segmentBytes, end, files);
    }

    private List<Stored> held() {
        List<Stored> all = new ArrayList<>(committed);
        all.addAll(pending);
        return all;
    }

    private void readRun(int records) {
        List<Stored> all = held();
        if (all.isEmpty()) {
            return;
        }
        int from = random.nextInt(all.size());
        for (int i = from; i < Math.min(all.size(), from + records); i++) {
            readsBack(all.get(i));
        }
    }

    private void readAtRandom(int records) {
        List<Stored> all = held();
        for (int i = 0; i < records && !all.isEmpty(); i++) {
            readsBack(all.get(random.nextInt(all.size())));
        }
    }

    private void readsBack(Stored s) {
        byte[] got = read(log, s, random.nextInt(4) == 0);
        assertThat(got).as("seed %d step %d: message %d at %s", seed, step, s.sequence(), s.at()).isEqualTo(s.body());
    }

    private static byte[] read(SegmentLog log, Stored s, boolean asBuffer) {
        if (!asBuffer) {
            return log.readBody(s.at().segment(), s.at().offset(), s.body().length, s.sequence());
        }
        ByteBuffer body = log.read(s.at().segment(), s.at().offset(), s.body().length, s.sequence());
        if (body == null) {
            return null;
        }
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return bytes;
    }

    /** The second reader: runs and single reads of committed records; null only for a deleted segment or log. */
    private void readCommitted(Random random, AtomicReference<Throwable> failure) {
        try {
            while (!stop) {
                List<Stored> records = published;
                if (records.isEmpty()) {
                    LockSupport.parkNanos(100_000);
                    continue;
                }
                int from = random.nextInt(records.size());
                int run = random.nextBoolean() ? 1 : 1 + random.nextInt(300);
                for (int i = from; i < Math.min(records.size(), from + run); i++) {
                    Stored s = records.get(i);
                    SegmentLog reading = log;
                    byte[] got = read(reading, s, random.nextInt(4) == 0);
                    if (got == null) {
                        assertThat(s.at().segment() < deletedBelow || reading.closed())
                                .as("seed %d: message %d at %s was read as gone", seed, s.sequence(), s.at())
                                .isTrue();
                    } else {
                        assertThat(got).as("seed %d: message %d at %s", seed, s.sequence(), s.at())
                                .isEqualTo(s.body());
                    }
                }
            }
        } catch (Throwable e) {
            failure.set(e);
        }
    }
}
