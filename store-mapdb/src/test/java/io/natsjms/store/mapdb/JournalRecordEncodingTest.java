package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame encoding of journal records is byte for byte the stream encoding recovery reads. */
class JournalRecordEncodingTest {

    private static final List<JournalRecord> EVERY_KIND = List.of(
            new JournalRecord.ServerInfoSet(new byte[] {1, 2, 3}),
            new JournalRecord.ClientAdded("client-é", new byte[] {4}),
            new JournalRecord.ClientDeleted("client"),
            new JournalRecord.ChannelCreated(3, "foo.bar"),
            new JournalRecord.ChannelDeleted(Long.MAX_VALUE),
            new JournalRecord.Trimmed(3, -1),
            new JournalRecord.SubPut(3, 9, new byte[0]),
            new JournalRecord.SubDeleted(3, 9),
            new JournalRecord.PendingAdded(3, 9, 0x0102030405060708L),
            new JournalRecord.PendingAcked(3, 9, Long.MIN_VALUE),
            new JournalRecord.RedeliveryCounted(3, 9, 11, Integer.MAX_VALUE),
            new JournalRecord.SubSetAside(3, 9, "why", new byte[] {7, 7}),
            new JournalRecord.ScheduledPut("k", new byte[] {8}),
            new JournalRecord.ScheduledRemoved("k"),
            new JournalRecord.PreparedPut("b", new byte[] {9}),
            new JournalRecord.PreparedRemoved("b"),
            new JournalRecord.SegmentEnd(3, 4, 5),
            new JournalRecord.SegmentData(3, 4, 5, new byte[] {1, 0, -1}),
            new JournalRecord.SegmentData(3, 4, 5, new byte[0]));

    @Test
    void everyKindEncodesAsTheStreamDoesAndReadsBack() throws IOException {
        for (JournalRecord record : EVERY_KIND) {
            FrameBuffer frame = new FrameBuffer();
            frame.reset();
            JournalRecord.write(frame, record);

            byte[] framed = Arrays.copyOf(frame.buffer().array(), frame.buffer().position());
            assertThat(framed).as("%s", record).isEqualTo(streamed(record));
            JournalRecord back = JournalRecord.read(ByteBuffer.wrap(framed));
            assertThat(back).usingRecursiveComparison() // carried bytes read back are a view: compare what it holds
                    .withEqualsForType(JournalRecord.SegmentData::equals, JournalRecord.SegmentData.class)
                    .isEqualTo(record);
        }
    }

    @Test
    void aFrameGrowsPastItsFirstSizeAndShrinksBackAfterAHugeOne() throws IOException {
        FrameBuffer frame = new FrameBuffer();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        List<JournalRecord> records = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            records.add(i % 3 == 0 ? new JournalRecord.SubPut(1, i, new byte[i % 40])
                    : new JournalRecord.PendingAdded(1, 2, i));
        }
        frame.reset();
        for (JournalRecord record : records) {
            JournalRecord.write(frame, record);
            expected.write(streamed(record));
        }

        assertThat(frame.buffer().capacity()).isGreaterThan(FrameBuffer.MAX_KEPT);
        assertThat(Arrays.copyOf(frame.buffer().array(), frame.buffer().position())).isEqualTo(expected.toByteArray());
        assertThat(frame.reset().capacity()).isEqualTo(FrameBuffer.INITIAL);
    }

    @Test
    void segmentDataCutShortOrLongerThanItsFrameIsRefused() {
        FrameBuffer frame = new FrameBuffer();
        frame.reset();
        JournalRecord.write(frame, new JournalRecord.SegmentData(1, 2, 3, new byte[100]));
        byte[] whole = Arrays.copyOf(frame.buffer().array(), frame.buffer().position());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalRecord.read(ByteBuffer.wrap(whole, 0, 20)))
                .isInstanceOf(IOException.class).hasMessageContaining("type 19 cut short");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JournalRecord.read(ByteBuffer.wrap(
                        Arrays.copyOf(whole, whole.length - 1)))).isInstanceOf(IOException.class)
                .hasMessageContaining("record length 100 exceeds the frame");
    }

    private static byte[] streamed(JournalRecord record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JournalRecord.write(new DataOutputStream(bytes), record);
        return bytes.toByteArray();
    }
}
