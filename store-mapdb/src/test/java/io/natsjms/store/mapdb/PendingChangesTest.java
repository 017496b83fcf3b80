package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PendingChangesTest {

    @Test
    void consecutiveChangesOfOneKindMakeOneRun() {
        PendingChanges changes = new PendingChanges();
        for (long seq = 1; seq <= 1000; seq++) {
            changes.add(false, seq);
        }
        for (long seq = 1; seq <= 400; seq++) {
            changes.add(true, seq);
        }

        assertThat(changes).hasToString("[added 1..1000, acked 1..400]");
    }

    @Test
    void aGapAKindChangeOrAStepBackStartsANewRun() {
        PendingChanges changes = new PendingChanges();
        changes.add(false, 5);
        changes.add(false, 7);
        changes.add(true, 7);
        changes.add(false, 7);
        changes.add(true, 3);
        changes.add(true, 2);

        assertThat(changes).hasToString("[added 5, added 7, acked 7, added 7, acked 3, acked 2]");
    }

    @Test
    void aSealedBatchRefusesChanges() {
        PendingChanges changes = new PendingChanges();
        changes.add(false, 1);
        changes.seal();

        assertThatThrownBy(() -> changes.add(false, 2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsBackWhatItWroteFromTheFrameAndFromTheStream() throws IOException {
        PendingChanges changes = new PendingChanges();
        long[] sequences = {1, 2, 3, Long.MAX_VALUE, 0, -1, Long.MIN_VALUE, 1L << 40, (1L << 40) + 1, 7};
        for (int i = 0; i < sequences.length; i++) {
            changes.add(i % 3 == 2, sequences[i]);
        }
        JournalRecord.PendingBatch record = new JournalRecord.PendingBatch(3, Long.MAX_VALUE, changes);

        FrameBuffer frame = new FrameBuffer();
        frame.reset();
        JournalRecord.write(frame, record);
        byte[] framed = Arrays.copyOf(frame.buffer().array(), frame.buffer().position());
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        JournalRecord.write(new DataOutputStream(streamed), record);

        assertThat(framed).isEqualTo(streamed.toByteArray());
        assertThat(JournalRecord.read(ByteBuffer.wrap(framed))).isEqualTo(record);
        assertThat(JournalRecord.read(new DataInputStream(new ByteArrayInputStream(framed)))).isEqualTo(record);
    }

    @Test
    void aThousandConsecutiveDeliveriesTakeAFewBytes() {
        PendingChanges changes = new PendingChanges();
        for (long seq = 1_000_000; seq < 1_001_000; seq++) {
            changes.add(false, seq);
        }
        FrameBuffer frame = new FrameBuffer();
        frame.reset();
        JournalRecord.write(frame, new JournalRecord.PendingBatch(1, 1, changes));

        assertThat(frame.buffer().position()).isLessThan(30); // 25 bytes each as one record per delivery
    }

    @Test
    void refusesARunOfNoSequences() {
        byte[] body = {0, 2}; // count 0, first 1
        assertThatThrownBy(() -> PendingChanges.read(withLength(body)))
                .isInstanceOf(IOException.class)
                .hasMessage("a run of 0 pending changes (expected: 1 to 2147483647)");
    }

    @Test
    void refusesANumberCutShort() {
        byte[] body = {2, (byte) 0x80};
        assertThatThrownBy(() -> PendingChanges.read(withLength(body)))
                .isInstanceOf(IOException.class)
                .hasMessage("pending changes: a number is cut short");
    }

    @Test
    void refusesALengthBeyondTheFrame() {
        ByteBuffer in = ByteBuffer.allocate(6).putInt(10).put((byte) 2).put((byte) 2).flip();

        assertThatThrownBy(() -> PendingChanges.read(in))
                .isInstanceOf(IOException.class)
                .hasMessage("pending changes of 10 bytes exceed the frame (2 bytes left)");
    }

    @Test
    void aRecordCutShortIsNotReadPastItsEnd() {
        ByteBuffer in = ByteBuffer.allocate(10).put((byte) 18).putLong(1).flip();

        assertThatThrownBy(() -> JournalRecord.read(in)).isInstanceOf(IOException.class)
                .hasMessage("record of type 18 cut short");
    }

    private static ByteBuffer withLength(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip();
    }
}
