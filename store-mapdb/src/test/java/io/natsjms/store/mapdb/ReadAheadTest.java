package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read-ahead windows of {@link SegmentLog} reads ({@link ReadAhead}): how many reads reach the file at the
 * window's edges, and that a window never serves bytes the file no longer holds (a cut back, deleted segments,
 * bytes past what was written).
 */
class ReadAheadTest {

    /** A record of 1 KB in the file: {@value ReadAhead#WINDOW} bytes hold 128 of them exactly. */
    private static final int BODY = 1024 - SegmentRecord.HEADER;

    @TempDir
    Path dir;

    private final TearingFiles files = new TearingFiles(StoreFiles.SYSTEM);
    private final Random random = new Random(11);
    private final List<Stored> stored = new ArrayList<>();

    private record Stored(long sequence, LogPosition at, byte[] body) {
    }

    private SegmentLog log(long segmentBytes) {
        return new SegmentLog(dir.resolve("c"), segmentBytes, LogPosition.START, files);
    }

    private Stored append(SegmentLog log, int length) {
        byte[] body = new byte[length];
        random.nextBytes(body);
        long sequence = stored.size() + 1;
        Stored s = new Stored(sequence, log.append(sequence, 0, body), body);
        stored.add(s);
        return s;
    }

    private static byte[] read(SegmentLog log, Stored s) {
        return log.readBody(s.at().segment(), s.at().offset(), s.body().length, s.sequence());
    }

    private static void readsBack(SegmentLog log, Stored s) {
        assertThat(read(log, s)).as("message %d at %s", s.sequence(), s.at()).isEqualTo(s.body());
    }

    @Test
    void aRunOfRecordsReachesTheFileOncePerWindowAfterItsFirstRecord() {
        SegmentLog log = log(1 << 20);
        for (int i = 0; i < 1000; i++) {
            append(log, BODY);
        }
        log.writeOut();
        long before = files.reads();

        stored.forEach(s -> readsBack(log, s));

        // the first record alone, then 999 records of 1 KB in windows of 128
        assertThat(files.reads() - before).isEqualTo(1 + 8);
        log.close();
    }

    @Test
    void aRecordEndingAtTheWindowsEndIsServedAndOneEndingABytePastItIsReadAgain() {
        SegmentLog log = log(1 << 20);
        append(log, BODY);
        for (int i = 0; i < 128; i++) {
            append(log, BODY);
        }
        append(log, BODY + 1);
        for (int i = 0; i < 127; i++) {
            append(log, BODY);
        }
        log.writeOut();
        long before = files.reads();

        for (int i = 0; i <= 128; i++) {
            readsBack(log, stored.get(i));
        }
        assertThat(files.reads() - before).as("record 128 ends where the window does").isEqualTo(2);
        for (int i = 129; i < 256; i++) {
            readsBack(log, stored.get(i));
        }
        assertThat(files.reads() - before).as("the next window starts at record 129").isEqualTo(3);
        readsBack(log, stored.get(256));
        assertThat(files.reads() - before).as("record 256 ends a byte past the window").isEqualTo(4);
        log.close();
    }

    @Test
    void windowsStopAtTheEndOfEachSegmentAndARunGoesOnInTheNext() {
        SegmentLog log = log(10_000); // nine records a segment
        for (int i = 0; i < 25; i++) {
            append(log, BODY);
        }
        log.writeOut();
        assertThat(stored.get(24).at().segment()).isEqualTo(3);
        long before = files.reads();

        stored.forEach(s -> readsBack(log, s));

        // the first record, then per sealed segment the rest of it and its end, then the current one's
        assertThat(files.reads() - before).isEqualTo(1 + 2 + 2 + 1);
        log.close();
    }

    @Test
    void recordsBiggerThanAWindowAreReadAsBeforeAndARecordOfAWindowsSizeFitsOne() {
        SegmentLog log = log(1 << 20);
        int[] lengths = {5, 10, ReadAhead.WINDOW, 7, 3, ReadAhead.WINDOW - SegmentRecord.HEADER, 9, 200_000, 1, 0, 2};
        for (int length : lengths) {
            append(log, length);
        }
        log.writeOut();

        for (int round = 0; round < 2; round++) {
            stored.forEach(s -> readsBack(log, s));
        }
        long before = files.reads();
        readsBack(log, stored.get(4));
        readsBack(log, stored.get(5));
        assertThat(files.reads() - before).as("a window of exactly the record").isEqualTo(2);
        assertThat(read(log, stored.get(5))).isEqualTo(stored.get(5).body());
        assertThat(files.reads() - before).isEqualTo(2);
        log.close();
    }

    /**
     * A write that fails half-way may leave anything past what the log counts as written; a window read then
     * must stop at the written end, or it would keep that garbage and report the records written there later
     * (by the retry) as corrupt.
     */
    @Test
    void aWindowNeverHoldsBytesPastTheWrittenEndOfTheCurrentSegment() {
        SegmentLog log = log(1 << 20);
        for (int i = 0; i < 10; i++) {
            append(log, BODY);
        }
        log.writeOut();
        for (int i = 0; i < 10; i++) {
            append(log, BODY);
        }
        files.tearNext();
        assertThatThrownBy(log::writeOut).hasMessageContaining(FaultyFiles.EIO);
        for (int i = 0; i < 10; i++) {
            readsBack(log, stored.get(i));
        }

        log.writeOut(); // the retry writes the records where the garbage is

        stored.forEach(s -> readsBack(log, s));
        log.close();
    }

    /**
     * A cut back after a failed commit: the same offsets then hold other records, here of the same sequences and
     * lengths, which the old window's bytes would pass the checks of; and of other lengths, which it would report
     * as corrupt.
     */
    @Test
    void aCutBackMakesEveryWindowOfTheLogStale() {
        SegmentLog log = log(20_000);
        for (int i = 0; i < 5; i++) {
            append(log, BODY);
        }
        log.force();
        log.committedNow();
        for (int i = 0; i < 30; i++) {
            append(log, BODY);
        }
        log.writeOut();
        stored.forEach(s -> readsBack(log, s));

        log.rollback();
        stored.subList(5, stored.size()).clear();
        for (int i = 0; i < 30; i++) {
            append(log, BODY);
        }
        log.writeOut();
        stored.forEach(s -> readsBack(log, s));

        log.rollback();
        stored.subList(5, stored.size()).clear();
        for (int i = 0; i < 40; i++) {
            append(log, random.nextInt(2 * BODY));
        }
        log.writeOut();
        stored.forEach(s -> readsBack(log, s));
        log.close();
    }

    @Test
    void aDeletedSegmentIsGoneAlsoForAThreadThatHasItInAWindow() {
        SegmentLog log = log(10_000);
        for (int i = 0; i < 20; i++) {
            append(log, BODY);
        }
        log.writeOut();
        stored.forEach(s -> readsBack(log, s));
        stored.stream().filter(s -> s.at().segment() == 1).forEach(s -> readsBack(log, s)); // a window of it

        log.deleteBefore(2);

        for (Stored s : stored) {
            if (s.at().segment() == 1) {
                assertThat(read(log, s)).as("message %d in the deleted segment", s.sequence()).isNull();
            } else {
                readsBack(log, s);
            }
        }
        log.close();
    }

    @Test
    void aLogOpenedAgainOnTheSameFilesSeesWhatTheyHoldNow() {
        SegmentLog first = log(1 << 20);
        for (int i = 0; i < 50; i++) {
            append(first, BODY);
        }
        first.force();
        stored.forEach(s -> readsBack(first, s));
        first.close();
        SegmentLog.truncateAfter(dir.resolve("c"), LogPosition.START);

        SegmentLog second = log(1 << 20);
        stored.clear();
        for (int i = 0; i < 50; i++) {
            append(second, BODY);
        }
        second.force();
        stored.forEach(s -> readsBack(second, s));
        second.close();
    }

    @Test
    void twoThreadsReadingAheadInTheSameLogEachKeepTheirOwnWindows() throws Exception {
        SegmentLog log = log(50_000);
        for (int i = 0; i < 2000; i++) {
            append(log, random.nextInt(3 * BODY));
        }
        log.writeOut();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int from = t * 500;
            Thread reader = new Thread(() -> {
                try {
                    for (int round = 0; round < 3; round++) {
                        for (int i = from; i < stored.size(); i++) {
                            readsBack(log, stored.get(i));
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            readers.add(reader);
            reader.start();
        }
        for (Thread reader : readers) {
            reader.join();
        }

        assertThat(failure.get()).isNull();
        log.close();
    }
}
