package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The append-only message files of one channel: {@code msgs.<n>.log}, rotated at a configured size.
 * Appends go to the OS at once (so readers see them); {@link #force()} makes them durable.
 * Reads are positional and may come from any thread.
 */
final class SegmentLog implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SegmentLog.class.getName());
    private static final int WRITE_BUFFER = 256 * 1024;

    private final Path directory;
    private final long segmentBytes;
    /** Open segment files by number, for readers and the writer. */
    private final Map<Long, FileChannel> files = new ConcurrentHashMap<>();
    /** Guarded by the store lock: the segment being appended to and its end. */
    private long current;
    private long position;
    /** Whether a write was not forced yet; whether a new file was created since the last force. */
    private boolean dirty;
    private boolean created;
    /** Records not yet handed to the OS, and where in the current segment they start; guarded by this. */
    private ByteBuffer buffer = ByteBuffer.allocateDirect(WRITE_BUFFER);
    private volatile long written;
    private volatile boolean closed;

    /** Opens the log for appending at {@code end}; the caller has truncated anything after it. */
    SegmentLog(Path directory, long segmentBytes, LogPosition end) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.current = end.segment();
        this.position = end.offset();
        this.written = end.offset();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw io("cannot create " + directory, e);
        }
    }

    Path directory() {
        return directory;
    }

    Path file(long segment) {
        return directory.resolve("msgs." + segment + ".log");
    }

    /** The end of the last appended record. */
    LogPosition end() {
        return new LogPosition(current, position);
    }

    /**
     * Appends one record to the write buffer and returns where it starts. The buffer goes to the OS
     * when full, at {@link #writeOut()}/{@link #force()}, and when a reader needs it.
     */
    LogPosition append(long sequence, long timestamp, byte[] body) {
        int size = SegmentRecord.HEADER + body.length;
        synchronized (this) {
            if (position > 0 && position + size > segmentBytes) {
                rotate();
            }
            if (buffer.remaining() < size) {
                writeOut();
                if (buffer.capacity() < size) {
                    buffer = ByteBuffer.allocateDirect(size);
                }
            }
            int start = buffer.position();
            buffer.putInt(body.length).putInt(0).putLong(sequence).putLong(timestamp).put(body);
            CRC32C crc = new CRC32C();
            crc.update(buffer.duplicate().position(start + 8).limit(start + size));
            buffer.putInt(start + 4, (int) crc.getValue());
            LogPosition at = new LogPosition(current, position);
            position += size;
            dirty = true;
            return at;
        }
    }

    /** Hands the buffered records to the OS (a process crash no longer loses them). */
    synchronized void writeOut() {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        try {
            FileChannel channel = writer();
            long p = written;
            while (buffer.hasRemaining()) {
                p += channel.write(buffer, p);
            }
            written = p;
        } catch (IOException e) {
            throw io("cannot write " + file(current), e);
        } finally {
            buffer.clear();
        }
    }

    private FileChannel writer() throws IOException {
        FileChannel channel = files.get(current);
        if (channel == null) {
            Path file = file(current);
            created |= !Files.exists(file);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            files.put(current, channel);
        }
        return channel;
    }

    private void rotate() {
        force();
        current++;
        position = 0;
        written = 0;
    }

    /** Writes out and forces the records (and a newly created file's directory entry) to disk. */
    void force() {
        FileChannel channel;
        boolean newFile;
        synchronized (this) {
            if (!dirty) {
                return;
            }
            writeOut();
            channel = files.get(current);
            newFile = created;
            created = false;
            dirty = false;
        }
        try {
            if (channel != null) {
                channel.force(false);
            }
            if (newFile) {
                // the file's entry, and the channel and channels directories, which may be new too
                DirectorySync.force(directory);
                DirectorySync.force(directory.getParent());
                DirectorySync.force(directory.getParent().getParent());
            }
        } catch (IOException e) {
            throw io("cannot force " + file(current), e);
        }
    }

    /** Reads and verifies the record at {@code segment}/{@code offset}; null if its file is gone. */
    SegmentRecord read(long segment, long offset, int length, long expectedSequence) {
        try {
            synchronized (this) {
                if (segment == current && offset + SegmentRecord.HEADER + length > written) {
                    writeOut();
                }
            }
            FileChannel channel = reader(segment);
            if (channel == null) {
                return null;
            }
            ByteBuffer buf = ByteBuffer.allocate(SegmentRecord.HEADER + length);
            long p = offset;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, p);
                if (n < 0) {
                    throw corrupt(segment, offset, "ends before the record of message " + expectedSequence);
                }
                p += n;
            }
            buf.flip();
            SegmentRecord record = decode(segment, offset, buf, length);
            if (record == null || record.sequence() != expectedSequence) {
                throw corrupt(segment, offset, "does not hold a valid record of message " + expectedSequence);
            }
            return record;
        } catch (ClosedChannelException e) {
            return null;
        } catch (IOException e) {
            throw io("cannot read " + file(segment), e);
        }
    }

    private FileChannel reader(long segment) throws IOException {
        FileChannel channel = files.get(segment);
        if (channel != null) {
            return channel;
        }
        try {
            FileChannel opened = FileChannel.open(file(segment), StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileChannel raced = files.putIfAbsent(segment, opened);
            if (raced != null) {
                opened.close();
                return raced;
            }
            return opened;
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Decodes one record from {@code buf} (positioned at its header); null if it is not valid. */
    private static SegmentRecord decode(long segment, long offset, ByteBuffer buf, int expectedLength) {
        if (buf.remaining() < SegmentRecord.HEADER) {
            return null;
        }
        int start = buf.position();
        int length = buf.getInt(start);
        if (length < 0 || (expectedLength >= 0 && length != expectedLength)
                || buf.remaining() < SegmentRecord.HEADER + length) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.duplicate().position(start + 8).limit(start + SegmentRecord.HEADER + length));
        if ((int) crc.getValue() != buf.getInt(start + 4)) {
            return null;
        }
        byte[] body = new byte[length];
        buf.get(start + SegmentRecord.HEADER, body);
        buf.position(start + SegmentRecord.HEADER + length);
        return new SegmentRecord(segment, offset, buf.getLong(start + 8), buf.getLong(start + 16), body);
    }

    /**
     * Reads every record from {@code from} up to exactly {@code to}, verifying each.
     *
     * @return the records, or null if the files do not hold valid records up to {@code to}
     */
    static List<SegmentRecord> scan(Path directory, LogPosition from, LogPosition to) {
        List<SegmentRecord> records = new ArrayList<>();
        long segment = from.segment();
        long offset = from.offset();
        try {
            while (segment < to.segment() || offset < to.offset()) {
                Path file = directory.resolve("msgs." + segment + ".log");
                long size = Files.exists(file) ? Files.size(file) : -1;
                long limit = segment < to.segment() ? size : to.offset();
                if (size < 0 || size < limit || (segment == to.segment() && limit < offset)) {
                    return null;
                }
                if (offset >= limit) {
                    segment++;
                    offset = 0;
                    continue;
                }
                ByteBuffer buf = ByteBuffer.allocate((int) (limit - offset));
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long p = offset;
                    while (buf.hasRemaining() && channel.read(buf, p) > 0) {
                        p = offset + buf.position();
                    }
                }
                buf.flip();
                while (buf.hasRemaining()) {
                    SegmentRecord record = decode(segment, offset + buf.position(), buf, -1);
                    if (record == null) {
                        return null;
                    }
                    records.add(record);
                }
                offset = limit;
            }
            return records;
        } catch (IOException e) {
            throw io("cannot read segment " + segment + " in " + directory, e);
        }
    }

    /** Moves the append position (recovery, after replaying the committed records). */
    synchronized void moveEnd(LogPosition end) {
        current = end.segment();
        position = end.offset();
        written = end.offset();
    }

    /** Cuts every byte after {@code end} (an uncommitted tail), logging what was cut. */
    static void truncateAfter(Path directory, LogPosition end) {
        try (Stream<Path> list = Files.exists(directory) ? Files.list(directory) : Stream.empty()) {
            for (Path file : list.toList()) {
                long segment = segmentNumber(file);
                if (segment > end.segment()) {
                    LOG.log(System.Logger.Level.WARNING, "removing uncommitted segment {0} ({1} bytes)",
                            file, Files.size(file));
                    Files.delete(file);
                } else if (segment == end.segment() && Files.size(file) > end.offset()) {
                    LOG.log(System.Logger.Level.WARNING, "truncating uncommitted tail of {0} from {1} to {2} bytes",
                            file, Files.size(file), end.offset());
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                        channel.truncate(end.offset());
                        channel.force(true);
                    }
                }
            }
        } catch (IOException e) {
            throw io("cannot truncate segments in " + directory, e);
        }
    }

    /** Deletes segment files numbered below {@code segment} (their messages were all dropped). */
    void deleteBefore(long segment) {
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.toList()) {
                long n = segmentNumber(file);
                if (n >= 0 && n < segment && n < current) {
                    FileChannel open = files.remove(n);
                    if (open != null) {
                        open.close();
                    }
                    Files.deleteIfExists(file);
                    LOG.log(System.Logger.Level.DEBUG, "deleted segment {0}", file);
                }
            }
        } catch (IOException e) {
            throw io("cannot delete old segments in " + directory, e);
        }
    }

    static long segmentNumber(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith("msgs.") || !name.endsWith(".log")) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(5, name.length() - 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether {@link #close()} was called (a deleted channel). */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        for (FileChannel channel : files.values()) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot close a segment in " + directory, e);
            }
        }
        files.clear();
    }

    private StoreException corrupt(long segment, long offset, String what) {
        return new StoreException(StoreException.Reason.CORRUPT, "segment file " + file(segment) + " at offset "
                + offset + " " + what + "; the messages before it are readable");
    }

    static StoreException io(String what, IOException e) {
        return new StoreException(StoreException.Reason.IO, what + ": " + e, e);
    }
}
