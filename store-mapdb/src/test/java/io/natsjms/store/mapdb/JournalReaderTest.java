package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link JournalReader} reads the file {@value JournalReader#BLOCK} bytes at a time and lets carried
 * segment bytes be views of what it read: it must find the same frames, cut and refusals as the
 * reader before it ({@link JournalReaderReference}), on the edges of its blocks and on random
 * journals cut or damaged anywhere. Replay a round with {@code -Dnatsjms.journalreader.seed=<seed>}.
 */
class JournalReaderTest {

    private static final long SEED = Long.getLong("natsjms.journalreader.seed", System.nanoTime());
    private static final int ROUNDS = Integer.getInteger("natsjms.journalreader.rounds", 100);

    @TempDir
    Path dir;

    @Test
    void framesStraddlingBlocksOrLongerThanOneReadBackWhole() throws IOException {
        ByteArrayOutputStream journal = new ByteArrayOutputStream();
        List<byte[]> carried = new ArrayList<>();
        long commit = 1;
        Random random = new Random(7);
        while (journal.size() < JournalReader.BLOCK - 500) { // small frames up to just before the first block ends
            carried.add(bytes(random, 1_000));
            journal.write(frame(commit++, List.of(data(carried.get(carried.size() - 1)))));
        }
        carried.add(bytes(random, 3_000)); // straddles the first block's end
        journal.write(frame(commit++, List.of(data(carried.get(carried.size() - 1)))));
        carried.add(bytes(random, 2 * JournalReader.BLOCK + 17)); // longer than two blocks
        journal.write(frame(commit++, List.of(data(carried.get(carried.size() - 1)), new JournalRecord.SegmentEnd(1, 0, 9))));
        carried.add(bytes(random, 10));
        journal.write(frame(commit, List.of(data(carried.get(carried.size() - 1)))));
        Path file = write(journal.toByteArray());

        JournalReader.Contents contents = JournalReader.read(file);

        assertThat(contents.torn()).isFalse();
        assertThat(contents.end()).isEqualTo(journal.size());
        assertThat(contents.frames()).hasSize(carried.size());
        for (int i = 0; i < carried.size(); i++) {
            JournalRecord.SegmentData data = (JournalRecord.SegmentData) contents.frames().get(i).records().get(0);
            assertThat(data).as("frame %d", i).isEqualTo(data(carried.get(i)));
            assertThat(data.array()).as("frame %d: a view of the bytes read, not a copy", i)
                    .hasSize(journal.size());
        }
        assertThat(describe(contents)).isEqualTo(describe(JournalReaderReference.read(file)));
    }

    @Test
    void aJournalCutInsideARecordEndsAtTheFrameBefore() throws IOException {
        byte[] first = frame(1, List.of(data(new byte[100])));
        byte[] second = frame(2, List.of(data(new byte[5_000]), new JournalRecord.SegmentEnd(1, 0, 5_100)));
        byte[] cut = Arrays.copyOf(concat(first, second), first.length + 12 + 8 + 29 + 40);
        Path file = write(cut);

        JournalReader.Contents contents = JournalReader.read(file);

        assertThat(contents.frames()).hasSize(1);
        assertThat(contents.end()).isEqualTo(first.length);
        assertThat(contents.torn()).isTrue();
        assertThat(describe(contents)).isEqualTo(describe(JournalReaderReference.read(file)));
    }

    @Test
    void aChecksumMismatchIsATornTailOnlyWhenTheLastFrameIsIncomplete() throws IOException {
        byte[] first = frame(1, List.of(data(new byte[] {1, 2, 3})));
        byte[] last = frame(2, List.of(data(new byte[] {4, 5, 6, 7})));
        byte[] damagedLast = concat(first, last);
        damagedLast[damagedLast.length - 2] ^= 1;
        byte[] damagedEarlier = concat(first, last);
        damagedEarlier[first.length - 2] ^= 1;

        Path lastFile = write(damagedLast);
        assertThatThrownBy(() -> JournalReader.read(lastFile)).isInstanceOf(StoreException.class)
                .hasMessage(outcome(lastFile).substring("CORRUPT: ".length()))
                .hasMessageContaining("its last frame is complete");
        Path earlierFile = dir.resolve("earlier.log");
        Files.write(earlierFile, damagedEarlier);
        assertThatThrownBy(() -> JournalReader.read(earlierFile)).isInstanceOf(StoreException.class)
                .hasMessage(outcome(earlierFile).substring("CORRUPT: ".length()))
                .hasMessageContaining("valid frames follow at offset " + first.length);
    }

    @Test
    void randomJournalsCutOrDamagedReadAsTheReaderBefore() throws IOException {
        System.out.println("JournalReaderTest seed: " + SEED + " (replay with -Dnatsjms.journalreader.seed=" + SEED + ")");
        Random random = new Random(SEED);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] journal = damage(random, journal(random));
            Path file = dir.resolve("journal." + round + ".log");
            Files.write(file, journal);
            String expected = outcome(file, true);
            assertThat(outcome(file, false)).as("seed %d round %d (%d bytes)", SEED, round, journal.length)
                    .isEqualTo(expected);
        }
    }

    /** A journal of 0 to 40 frames of random records, now and then one far longer than a block. */
    private static byte[] journal(Random random) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int frames = random.nextInt(41);
        for (int i = 0; i < frames; i++) {
            List<JournalRecord> records = new ArrayList<>();
            int count = random.nextInt(4);
            for (int r = 0; r < count; r++) {
                records.add(record(random));
            }
            out.write(frame(i + 1, records));
        }
        return out.toByteArray();
    }

    private static JournalRecord record(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> new JournalRecord.SegmentEnd(random.nextInt(3), random.nextInt(3), random.nextInt(1 << 20));
            case 1 -> new JournalRecord.PendingAdded(1, random.nextInt(9), random.nextLong());
            case 2 -> new JournalRecord.SubPut(1, random.nextInt(9), bytes(random, random.nextInt(50)));
            case 3 -> new JournalRecord.ClientAdded("c" + random.nextInt(99), bytes(random, random.nextInt(20)));
            default -> data(bytes(random, random.nextInt(80) == 0
                    ? JournalReader.BLOCK / 2 + random.nextInt(JournalReader.BLOCK) : random.nextInt(3_000)));
        };
    }

    /** The journal as written, cut, cut and zero-filled, with a byte changed, or with bytes appended. */
    private static byte[] damage(Random random, byte[] journal) {
        int at = journal.length == 0 ? 0 : random.nextInt(journal.length);
        switch (random.nextInt(6)) {
            case 0:
                return journal;
            case 1:
                return Arrays.copyOf(journal, at);
            case 2:
                byte[] zeroed = journal.clone();
                Arrays.fill(zeroed, at, zeroed.length, (byte) 0);
                return zeroed;
            case 3:
                byte[] changed = journal.clone();
                if (changed.length > 0) {
                    changed[at] ^= (byte) (1 + random.nextInt(255));
                }
                return changed;
            case 4:
                byte[] longer = Arrays.copyOf(journal, journal.length + 1 + random.nextInt(64));
                for (int i = journal.length; i < longer.length; i++) {
                    longer[i] = (byte) random.nextInt(3);
                }
                return longer;
            default:
                byte[] late = journal.clone(); // a change near the end: in the last frame
                if (late.length > 0) {
                    late[late.length - 1 - random.nextInt(Math.min(late.length, 40))] ^= 0x10;
                }
                return late;
        }
    }

    private String outcome(Path file) {
        return outcome(file, true);
    }

    private static String outcome(Path file, boolean reference) {
        try {
            return describe(reference ? JournalReaderReference.read(file) : JournalReader.read(file));
        } catch (StoreException e) {
            return e.reason() + ": " + e.getMessage();
        }
    }

    /** Everything read, record by record in the journal's encoding. */
    private static String describe(JournalReader.Contents contents) {
        StringBuilder text = new StringBuilder("end " + contents.end() + " of " + contents.size() + "\n");
        for (JournalReader.Frame frame : contents.frames()) {
            text.append(frame.position()).append("..").append(frame.end()).append(" commit ")
                    .append(frame.commitNumber()).append(':');
            for (JournalRecord record : frame.records()) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                JournalRecord.write(new DataOutputStream(bytes), record);
                text.append(' ').append(HexFormat.of().formatHex(bytes.toByteArray()));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** A frame as {@link Journal} writes it. */
    static byte[] frame(long commit, List<JournalRecord> records) {
        FrameBuffer frame = new FrameBuffer();
        frame.reset().position(Journal.FRAME_HEADER).putLong(commit);
        for (JournalRecord record : records) {
            JournalRecord.write(frame, record);
        }
        var buf = frame.buffer();
        int bodyLength = buf.position() - Journal.FRAME_HEADER;
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), Journal.FRAME_HEADER, bodyLength);
        buf.putInt(0, Journal.MAGIC).putInt(4, bodyLength).putInt(8, (int) crc.getValue());
        return Arrays.copyOf(buf.array(), buf.position());
    }

    private static JournalRecord.SegmentData data(byte[] bytes) {
        return new JournalRecord.SegmentData(1, 0, 64, bytes);
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private Path write(byte[] journal) throws IOException {
        Path file = dir.resolve("journal.1.log");
        Files.write(file, journal);
        return file;
    }
}
