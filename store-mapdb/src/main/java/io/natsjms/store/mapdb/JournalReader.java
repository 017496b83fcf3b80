package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads the frames of a journal file. A damaged frame with no valid frame after it is a torn tail
 * (the commit that was being written when the process died) and ends the journal; a damaged frame
 * followed by valid ones is corruption.
 */
final class JournalReader {

    /** One commit read back. */
    record Frame(long position, long end, long commitNumber, List<JournalRecord> records) { }

    /**
     * What a journal file holds.
     *
     * @param frames the valid frames in order
     * @param end    where the valid frames end (the file is cut there)
     * @param size   the size of the file
     */
    record Contents(List<Frame> frames, long end, long size) {
        boolean torn() {
            return end < size;
        }
    }

    /** The most bytes read from the file at once. */
    static final int BLOCK = 1024 * 1024;

    private JournalReader() {
    }

    /**
     * Reads every frame of {@code file}. The records of carried segment bytes are views of the bytes
     * read ({@link JournalRecord.SegmentData}), which stay in memory as long as a frame does.
     *
     * @throws StoreException {@code CORRUPT} if a damaged frame is followed by valid ones or is complete
     *         (see {@link #completeButDamaged}); {@code IO} if the file cannot be read
     */
    static Contents read(Path file) {
        ByteBuffer buf = readAll(file);
        List<Frame> frames = new ArrayList<>();
        int p = 0;
        while (p < buf.limit()) {
            Frame frame = frameAt(buf, p);
            if (frame == null) {
                int next = nextValidFrame(buf, p + 1);
                if (next >= 0) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + file
                            + " is damaged at offset " + p + " (valid frames follow at offset " + next
                            + "); the " + frames.size() + " commits before it are recoverable");
                }
                if (completeButDamaged(buf, p)) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + file
                            + " is damaged at offset " + p + ": its last frame is complete (" + (buf.limit() - p)
                            + " bytes) but does not match its checksum or header, which a torn write does not"
                            + " leave; the " + frames.size() + " commits before it are recoverable");
                }
                break;
            }
            frames.add(frame);
            p = (int) frame.end();
        }
        return new Contents(frames, p, buf.limit());
    }

    /**
     * The bytes of {@code file}, in one array read {@value #BLOCK} bytes at a time: a read of the
     * whole file at once would go through a native buffer as large as the file.
     */
    static ByteBuffer readAll(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new StoreException(StoreException.Reason.IO, "journal file " + file + " holds " + size
                        + " bytes, more than one read can hold (expected: at most " + (Integer.MAX_VALUE - 8) + ")");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            while (buf.position() < buf.capacity()) {
                int at = buf.position();
                if (channel.read(buf.limit(Math.min(buf.capacity(), at + BLOCK)), at) < 0) {
                    break; // shorter than when sized: what is there is the journal
                }
            }
            return buf.flip();
        } catch (IOException e) {
            throw SegmentLog.io("cannot read journal " + file, e);
        }
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

    private static Frame frameAt(ByteBuffer buf, int p) {
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
            return new Frame(p, (long) start + length, commit, records);
        } catch (IOException e) {
            return null;
        }
    }
}
