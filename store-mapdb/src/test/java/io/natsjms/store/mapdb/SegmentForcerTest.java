package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the segment files of one commit are forced: together, and each of them even if one fails. */
class SegmentForcerTest {

    @TempDir
    Path dir;

    private final List<SegmentLog> logs = new ArrayList<>();

    @AfterEach
    void closeLogs() {
        logs.forEach(SegmentLog::close);
    }

    /** A log of channel {@code number} with one record appended (not written out yet). */
    private SegmentLog dirtyLog(int number, StoreFiles files) {
        SegmentLog log = new SegmentLog(dir.resolve("channels").resolve(String.valueOf(number)), 1L << 20,
                LogPosition.START, files);
        logs.add(log);
        log.append(1, 1, ("message of channel " + number).getBytes(StandardCharsets.UTF_8));
        return log;
    }

    private static long sizeOnDisk(SegmentLog log) throws Exception {
        return Files.size(log.file(log.end().segment()));
    }

    @Test
    void theWaitingThreadForcesWhatNoForcerThreadHasTakenYet() throws Exception {
        // one forcer thread, two files that only get through when both are being forced at once:
        // the second must be forced by the thread that waits
        GatedFiles files = new GatedFiles(2, 5_000);
        SegmentLog first = dirtyLog(1, files);
        SegmentLog second = dirtyLog(2, files);

        try (SegmentForcer forcer = new SegmentForcer(1)) {
            forcer.start(List.of(first, second)).await();
        }

        assertThat(files.mostAtOnce()).isEqualTo(2);
        assertThat(sizeOnDisk(first)).isEqualTo(first.end().offset());
        assertThat(sizeOnDisk(second)).isEqualTo(second.end().offset());
    }

    @Test
    void everyFileIsForcedEvenWhenOneFailsAndTheFailureIsThrown() throws Exception {
        GatedFiles files = new GatedFiles(1, 5_000);
        List<SegmentLog> three = List.of(dirtyLog(1, files), dirtyLog(2, files), dirtyLog(3, files));
        files.failNextForceOf("2");

        try (SegmentForcer forcer = new SegmentForcer(2)) {
            SegmentForcer.Running running = forcer.start(three);
            assertThatThrownBy(running::await).isInstanceOf(StoreException.class)
                    .hasMessageContaining("msgs.1.log").hasMessageContaining(FaultyFiles.EIO);
        }

        assertThat(sizeOnDisk(three.get(0))).isEqualTo(three.get(0).end().offset());
        assertThat(sizeOnDisk(three.get(2))).isEqualTo(three.get(2).end().offset());
    }

    @Test
    void nothingToForceReturnsAtOnce() {
        try (SegmentForcer forcer = new SegmentForcer(4)) {
            forcer.start(List.of()).await();
        }
    }

    @Test
    void refusesNoThreads() {
        assertThatThrownBy(() -> new SegmentForcer(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("threads: 0 (expected: >= 1)");
    }
}
