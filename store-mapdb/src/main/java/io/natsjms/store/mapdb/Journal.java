package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * The store-wide journal file {@code journal.<n>.log}: one CRC-protected frame per commit holding
 * the typed records of that commit ({@link JournalRecord}). Records are buffered until
 * {@link #writeFrame(long)}; a frame is the unit of atomicity.
 *
 * <p>Frame layout: {@code [int magic][int bodyLength][int crc32c(body)][body]}, body =
 * {@code [long commitNumber][records...]}.
 */
final class Journal implements AutoCloseable {

    static final int MAGIC = 0x4e4a4d4a; // "NJMJ"
    static final int FRAME_HEADER = 12;

    private final Path directory;
    private final long number;
    private final FileChannel channel;
    private long position;
    /** Records of the commit being assembled; guarded by the store lock. */
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(pending);
    private boolean dirty;

    private Journal(Path directory, long number, FileChannel channel, long position) {
        this.directory = directory;
        this.number = number;
        this.channel = channel;
        this.position = position;
    }

    static Path file(Path directory, long number) {
        return directory.resolve("journal." + number + ".log");
    }

    /** Opens journal {@code number} for appending at {@code end} (created if missing). */
    static Journal open(Path directory, long number, long end) {
        Path file = file(directory, number);
        try {
            boolean created = !Files.exists(file);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            if (created) {
                channel.force(true);
                DirectorySync.force(directory);
            }
            return new Journal(directory, number, channel, end);
        } catch (IOException e) {
            throw SegmentLog.io("cannot open journal " + file, e);
        }
    }

    long number() {
        return number;
    }

    Path file() {
        return file(directory, number);
    }

    /** Bytes written to this journal file so far. */
    long size() {
        return position;
    }

    /** The stream to write the records of the current commit to. */
    DataOutputStream records() {
        return out;
    }

    boolean hasRecords() {
        return pending.size() > 0;
    }

    /** Writes the buffered records as one frame (to the OS, not forced). */
    void writeFrame(long commitNumber) {
        byte[] records = pending.toByteArray();
        pending.reset();
        ByteBuffer frame = ByteBuffer.allocate(FRAME_HEADER + 8 + records.length);
        frame.putInt(MAGIC).putInt(8 + records.length).putInt(0).putLong(commitNumber).put(records);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), FRAME_HEADER, 8 + records.length);
        frame.putInt(8, (int) crc.getValue());
        frame.flip();
        try {
            while (frame.hasRemaining()) {
                position += channel.write(frame, position);
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot write journal " + file(), e);
        }
        dirty = true;
    }

    void force() {
        if (!dirty) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw SegmentLog.io("cannot force journal " + file(), e);
        }
        dirty = false;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "cannot close journal " + file() + ": " + e, e);
        }
    }
}
