package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The journal reader as it was before it read in blocks and let carried bytes be views (commit
 * 1c56c3f): the whole file in one read, every record parsed on its own. {@link JournalReaderTest}
 * compares {@link JournalReader} with it on random, cut and damaged journals.
 */
final class JournalReaderReference {

    private JournalReaderReference() {
    }

    static JournalReader.Contents read(Path file) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw SegmentLog.io("cannot read journal " + file, e);
        }
        ByteBuffer buf = ByteBuffer.wrap(data);
        List<JournalReader.Frame> frames = new ArrayList<>();
        int p = 0;
        while (p < data.length) {
            JournalReader.Frame frame = frameAt(buf, p);
            if (frame == null) {
                int next = nextValidFrame(buf, p + 1);
                if (next >= 0) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + file
                            + " is damaged at offset " + p + " (valid frames follow at offset " + next
                            + "); the " + frames.size() + " commits before it are recoverable");
                }
                if (completeButDamaged(buf, p)) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + file
                            + " is damaged at offset " + p + ": its last frame is complete (" + (data.length - p)
                            + " bytes) but does not match its checksum or header, which a torn write does not"
                            + " leave; the " + frames.size() + " commits before it are recoverable");
                }
                break;
            }
            frames.add(frame);
            p = (int) frame.end();
        }
        return new JournalReader.Contents(frames, p, data.length);
    }

    /**
     * Whether the invalid bytes at {@code p}, the end of the journal, are a damaged frame rather
     * than a torn one. A write cut short by a crash leaves a prefix of the frame, possibly followed
     * by zeros (never written), never different bytes; so these are damage: a frame that fills the
     * rest of the file as its header says but fails its checksum (and does not end in zeros); a
     * rest that matches the checksum in its header although the magic or length there does not fit
     * (the header is damaged, the frame complete); a magic whose length says less than the rest
     * holds, the rest being more than zeros (nothing is ever written after a torn frame).
     */
    private static boolean completeButDamaged(ByteBuffer buf, int p) {
        int rest = buf.limit() - p - Journal.FRAME_HEADER;
        if (rest < 8 || zerosFrom(buf, p + Journal.FRAME_HEADER)) {
            return false;
        }
        int length = buf.getInt(p + 4);
        if (length == rest) {
            return buf.getLong(buf.limit() - 8) != 0;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), p + Journal.FRAME_HEADER, rest);
        if ((int) crc.getValue() == buf.getInt(p + 8)) {
            return true;
        }
        return buf.getInt(p) == Journal.MAGIC && length >= 8 && length < rest
                && !zerosFrom(buf, p + Journal.FRAME_HEADER + length);
    }

    private static boolean zerosFrom(ByteBuffer buf, int from) {
        for (int i = from; i < buf.limit(); i++) {
            if (buf.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    private static int nextValidFrame(ByteBuffer buf, int from) {
        for (int p = from; p + Journal.FRAME_HEADER <= buf.limit(); p++) {
            if (buf.getInt(p) == Journal.MAGIC && frameAt(buf, p) != null) {
                return p;
            }
        }
        return -1;
    }

    private static JournalReader.Frame frameAt(ByteBuffer buf, int p) {
        if (p + Journal.FRAME_HEADER + 8 > buf.limit() || buf.getInt(p) != Journal.MAGIC) {
            return null;
        }
        int length = buf.getInt(p + 4);
        int start = p + Journal.FRAME_HEADER;
        if (length < 8 || length > buf.limit() - start) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), start, length);
        if ((int) crc.getValue() != buf.getInt(p + 8)) {
            return null;
        }
        ByteBuffer in = buf.duplicate().limit(start + length).position(start);
        try {
            long commit = in.getLong();
            List<JournalRecord> records = new ArrayList<>();
            while (in.hasRemaining()) {
                records.add(JournalRecord.read(in));
            }
            return new JournalReader.Frame(p, (long) start + length, commit, records);
        } catch (IOException e) {
            return null;
        }
    }
}
