package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentLogTest {

    @Test
    void deletingOldSegmentsOfAChannelThatNeverHadAMessageIsNothingToDo(@TempDir Path dir) {
        Path directory = dir.resolve("channels").resolve("7");
        SegmentLog log = new SegmentLog(directory, 1024, LogPosition.START, StoreFiles.SYSTEM);

        // every checkpoint does this for every channel; it used to log a WARNING with a NoSuchFileException
        assertThatCode(() -> log.deleteBefore(5)).doesNotThrowAnyException();
        assertThat(Files.exists(directory)).isFalse();
    }
}
