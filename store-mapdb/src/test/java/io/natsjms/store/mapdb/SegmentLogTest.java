package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Random;

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

    /**
     * A body read through the thread's scratch buffer is the body stored, from the write buffer and
     * from the file, below and above the scratch buffer's size, one read after another.
     */
    @Test
    void readsBodiesThroughTheScratchBufferAsTheyWereWritten(@TempDir Path dir) {
        SegmentLog log = new SegmentLog(dir.resolve("c"), 1 << 20, LogPosition.START, StoreFiles.SYSTEM);
        Random random = new Random(5);
        int[] sizes = {0, 1, 100, 4096, 5000, ReadScratch.MAX - SegmentRecord.HEADER, ReadScratch.MAX, 200_000, 3};
        byte[][] bodies = new byte[sizes.length][];
        LogPosition[] at = new LogPosition[sizes.length];
        for (int i = 0; i < sizes.length; i++) {
            bodies[i] = new byte[sizes[i]];
            random.nextBytes(bodies[i]);
            at[i] = log.append(i + 1, 0, bodies[i]);
            assertThat(log.readBody(at[i].segment(), at[i].offset(), sizes[i], i + 1)).as("buffered %d", i)
                    .isEqualTo(bodies[i]);
        }
        log.writeOut();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < sizes.length; i++) {
                assertThat(log.readBody(at[i].segment(), at[i].offset(), sizes[i], i + 1)).as("written %d", i)
                        .isEqualTo(bodies[i]);
            }
        }
        log.close();
    }

    @Test
    void aDamagedRecordReadThroughTheScratchBufferIsRefused(@TempDir Path dir) throws Exception {
        SegmentLog log = new SegmentLog(dir.resolve("c"), 1 << 20, LogPosition.START, StoreFiles.SYSTEM);
        LogPosition at = log.append(1, 0, new byte[100]);
        log.writeOut();
        try (FileChannel file = FileChannel.open(log.file(at.segment()), StandardOpenOption.WRITE)) {
            file.write(ByteBuffer.wrap(new byte[] {1}), at.offset() + SegmentRecord.HEADER + 50);
        }

        assertThatThrownBy(() -> log.readBody(at.segment(), at.offset(), 100, 1))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("does not hold a valid record of message 1");
        assertThatThrownBy(() -> log.readBody(at.segment(), at.offset(), 100, 2))
                .isInstanceOf(StoreException.class);
        log.close();
    }
}
