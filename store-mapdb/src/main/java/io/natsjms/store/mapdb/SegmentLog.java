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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The append-only message files of one channel: {@code msgs.<n>.log}, rotated at a configured size.
 * Appends are buffered and go to the OS when the buffer is full and at each commit;
 * {@link #force()} makes them durable. Reads are positional and may come from any thread.
 *
 * <p>A failed write or force leaves the log as it was at the last commit: {@link #rollback()}
 * drops the buffer and cuts the files back to {@link #committed()} (in memory and on disk).
 */
final class SegmentLog implements AutoCloseable, Forceable {

    private static final System.Logger LOG = System.getLogger(SegmentLog.class.getName());
    private static final int WRITE_BUFFER = 256 * 1024;
    private static final int FIRST_BUFFER = 16 * 1024;
    /** The buffer of a log nothing was appended to yet. */
    private static final ByteBuffer NO_BUFFER = ByteBuffer.allocate(0);
    /** Something like a file name in an OS error text, which a client must not see. */
    private static final java.util.regex.Pattern ABSOLUTE_PATH = java.util.regex.Pattern.compile("(^|[\\s:'\"(])[/\\\\]|[A-Za-z]:\\\\");

    private final Path directory;
    private final long segmentBytes;
    private final StoreFiles fileSystem;
    /** Open segment files by number, for readers and the writer. */
    private final Map<Long, FileChannel> files = new ConcurrentHashMap<>();
    /**
     * The segment read last and its channel, so that reads along one segment skip the map. A channel
     * is closed whenever it leaves the map, so a closed one sends the reader back to the map.
     */
    private volatile Reader lastReader;

    private record Reader(long segment, FileChannel channel) { }
    /** Guarded by the store lock: the segment being appended to and its end. */
    private long current;
    private long position;
    /** Where the last successful commit left the log. */
    private LogPosition committed;
    /** Whether a write was not forced yet; whether a new file was created since the last force. */
    private boolean dirty;
    private boolean created;
    /**
     * Records not yet handed to the OS; they start at {@link #written} in the current segment. Guarded by this.
     * Allocated at the first append, {@value #FIRST_BUFFER} bytes, and doubled each time it fills up, to at
     * most {@value #WRITE_BUFFER}: a store holds every channel open, and of 10,000 channels most are written
     * to rarely or never (256 KB of direct memory each would be 2.5 GB).
     */
    private ByteBuffer buffer = NO_BUFFER;
    private volatile long written;
    private volatile boolean closed;
    /**
     * Changes (to a value no log had) whenever bytes this log wrote to a file may change or go: the
     * read-ahead windows of reading threads ({@link ReadAhead}) serve only the version they were read at.
     * Changed under this object's monitor, so that a window read ahead sees it together with {@link #written}.
     */
    private volatile long version = ReadAhead.newVersion();
    /** Returned by {@link #readAhead} when the record is to be read the plain way. */
    private static final ByteBuffer NOT_AHEAD = ByteBuffer.allocate(0);
    /** Segments filled since the last checkpoint and their sizes; guarded by the store lock. */
    private final java.util.TreeMap<Long, Long> sealed = new java.util.TreeMap<>();

    /** Opens the log for appending at {@code end}; the caller has truncated anything after it. */
    SegmentLog(Path directory, long segmentBytes, LogPosition end, StoreFiles fileSystem) {
        this.directory = directory;
        this.segmentBytes = segmentBytes;
        this.fileSystem = fileSystem;
        this.current = end.segment();
        this.position = end.offset();
        this.written = end.offset();
        this.committed = end;
    }

    Path directory() {
        return directory;
    }

    Path file(long segment) {
        return segmentFile(directory, segment);
    }

    /** Segment file {@code segment} of a channel directory. */
    static Path segmentFile(Path directory, long segment) {
        return directory.resolve("msgs." + segment + ".log");
    }

    /** The end of the last appended record. */
    LogPosition end() {
        return new LogPosition(current, position);
    }

    /** Where the last successful commit left the log. */
    LogPosition committed() {
        return committed;
    }

    /**
     * Appends one record to the write buffer and returns where it starts. The buffer goes to the OS
     * when full and at {@link #writeOut()}/{@link #force()}. A failure leaves the log unchanged.
     */
    LogPosition append(long sequence, long timestamp, byte[] body) {
        return put(body.length, sequence, timestamp, out -> out.put(body));
    }

    /**
     * As {@link #append(long, long, byte[])}, with a body of {@code length} bytes that {@code body} writes
     * straight into the write buffer (no array in between). It must write exactly {@code length} bytes;
     * if it does not, or throws, nothing is appended.
     */
    LogPosition append(long sequence, long timestamp, int length, Consumer<ByteBuffer> body) {
        return put(length, sequence, timestamp, body);
    }

    /** Appends the commit marker of commit {@code commitNumber} (see {@link SegmentRecord}). */
    void mark(long commitNumber) {
        put(SegmentRecord.MARKER, commitNumber, 0, null);
    }

    private LogPosition put(int length, long sequence, long timestamp, Consumer<ByteBuffer> body) {
        int size = SegmentRecord.HEADER + Math.max(length, 0);
        synchronized (this) {
            if (position > 0 && position + size > segmentBytes) {
                rotate();
            }
            if (buffer.remaining() < size) {
                int wanted = Math.max(size, buffer.capacity() == 0 ? FIRST_BUFFER
                        : Math.min(2 * buffer.capacity(), WRITE_BUFFER));
                writeOut();
                if (buffer.capacity() < wanted) {
                    buffer = ByteBuffer.allocateDirect(wanted);
                }
            }
            int start = buffer.position();
            buffer.putInt(length).putInt(0).putLong(sequence).putLong(timestamp);
            if (body != null) {
                writeBody(body, start, size);
            }
            CRC32C crc = new CRC32C();
            crc.update(buffer.duplicate().position(start + 8).limit(start + size));
            buffer.putInt(start + 4, (int) crc.getValue());
            LogPosition at = new LogPosition(current, position);
            position += size;
            dirty = true;
            return at;
        }
    }

    /** Lets {@code body} write the body of the record at {@code start}; undoes the record if it fails. */
    private void writeBody(Consumer<ByteBuffer> body, int start, int size) {
        try {
            body.accept(buffer);
        } catch (RuntimeException e) {
            buffer.position(start);
            throw e;
        }
        if (buffer.position() != start + size) {
            int written = buffer.position() - start - SegmentRecord.HEADER;
            buffer.position(start);
            throw new IllegalStateException("record body of " + written + " bytes (expected: "
                    + (size - SegmentRecord.HEADER) + ")");
        }
    }

    /**
     * Hands the buffered records to the OS (a process crash no longer loses them). A failed write
     * keeps the buffer, so that a retry writes the same bytes at the same place.
     */
    synchronized void writeOut() {
        if (buffer.position() == 0) {
            return;
        }
        ByteBuffer out = buffer.duplicate().flip();
        try {
            FileChannel channel = writer();
            long p = written;
            while (out.hasRemaining()) {
                p += channel.write(out, p);
            }
            written = p;
            buffer.clear();
        } catch (IOException e) {
            throw io("cannot write " + file(current), e);
        }
    }

    private FileChannel writer() throws IOException {
        FileChannel channel = files.get(current);
        if (channel == null) {
            Path file = file(current);
            if (!Files.exists(file)) {
                Files.createDirectories(directory);
                created = true;
            }
            channel = fileSystem.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            files.put(current, channel);
        }
        return channel;
    }

    private void rotate() {
        force();
        sealed.put(current, position);
        current++;
        position = 0;
        written = 0;
    }

    /** Writes out and forces the records (and a newly created file's directory entry) to disk. */
    @Override
    public void force() {
        FileChannel channel;
        boolean newFile;
        synchronized (this) {
            if (!dirty) {
                return;
            }
            writeOut();
            channel = files.get(current);
            newFile = created;
        }
        try {
            if (channel != null) {
                channel.force(false);
            }
            if (newFile) {
                forceDirectories();
            }
        } catch (IOException e) {
            throw io("cannot force " + file(current), e);
        }
        synchronized (this) {
            created = false;
            dirty = false;
        }
    }

    /**
     * What forces the data written to this log so far, for a force that runs later on another
     * thread (a commit's, {@link WriteAheadLog#start()}, or the background write-back): the current
     * segment file as it is now. Unlike {@link #force()} it keeps no bookkeeping, so appends may go
     * on meanwhile. Call it after {@link #writeOut()}; earlier segments were forced when the log
     * moved past them.
     */
    Forceable pendingForce() {
        long segment;
        FileChannel channel;
        synchronized (this) {
            segment = current;
            channel = files.get(current);
        }
        return () -> {
            if (channel == null) {
                return;
            }
            try {
                channel.force(false);
            } catch (ClosedChannelException e) {
                if (!closed && files.get(segment) == channel) {
                    throw io("cannot force " + file(segment), e);
                }
                // the channel or this segment was deleted meanwhile: nothing of it is needed any more
            } catch (IOException e) {
                throw io("cannot force " + file(segment), e);
            }
        };
    }

    /** Bytes appended to the current segment since the last commit (what {@link #uncommittedData} would read). */
    synchronized long uncommittedBytes() {
        return position - (committed.segment() == current ? committed.offset() : 0);
    }

    /**
     * Forces the directory entries of segment files created since the last force, so that a file
     * the next journal frame refers to exists on disk before that frame does. Without this a power
     * loss could keep the frame and lose the new file, and recovery could not tell a lost file from
     * a deleted one (under {@code fsync=always} it refuses a missing one).
     */
    void forceNewFiles() {
        synchronized (this) {
            if (!created) {
                return;
            }
        }
        try {
            forceDirectories();
        } catch (IOException e) {
            throw io("cannot force the directory entry of " + file(current), e);
        }
        synchronized (this) {
            created = false;
        }
    }

    private void forceDirectories() throws IOException {
        // the file's entry, and the channel and channels directories, which may be new too
        fileSystem.forceDirectory(directory);
        fileSystem.forceDirectory(directory.getParent());
        fileSystem.forceDirectory(directory.getParent().getParent());
    }

    /**
     * The bytes appended to the current segment since the last commit, read back after
     * {@link #writeOut()}: what a commit that does not force this file puts in its journal frame.
     * Earlier segments need none (a segment is forced when the log moves past it). Null if the
     * current segment has no such bytes.
     */
    JournalRecord.SegmentData uncommittedData(long channel) {
        long from;
        long to;
        long segment;
        FileChannel file;
        synchronized (this) {
            segment = current;
            from = committed.segment() == current ? committed.offset() : 0;
            to = written;
            file = files.get(current);
        }
        if (to <= from || file == null) {
            return null;
        }
        if (to - from > Integer.MAX_VALUE - 64) {
            throw new StoreException(StoreException.Reason.IO, "one commit wrote " + (to - from) + " bytes to "
                    + file(segment) + " (at most 2 GB per segment and commit)");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (to - from));
        try {
            while (bytes.hasRemaining()) {
                if (file.read(bytes, from + bytes.position()) < 0) {
                    throw new IOException("the file ends at " + (from + bytes.position()) + " bytes, " + to
                            + " were written");
                }
            }
        } catch (IOException e) {
            throw io("cannot read back " + file(segment) + " for the journal", e);
        }
        return new JournalRecord.SegmentData(channel, segment, from, bytes.array());
    }

    /** The last commit succeeded: what is appended so far is committed. */
    void committedNow() {
        committed = end();
    }

    /**
     * Undoes everything appended since the last commit: the buffer is dropped, files created since
     * are deleted and the last committed one is cut back to the committed end and forced.
     *
     * @throws StoreException {@code IO} if the files cannot be cut back (the store must then stop writing)
     */
    synchronized void rollback() {
        buffer.clear();
        version = ReadAhead.newVersion(); // the same offsets will hold other records
        try {
            for (long segment = current; segment > committed.segment(); segment--) {
                FileChannel open = files.remove(segment);
                if (open != null) {
                    open.close();
                }
                Files.deleteIfExists(file(segment));
            }
            FileChannel channel = files.get(committed.segment());
            if (channel == null && Files.exists(file(committed.segment()))) {
                channel = fileSystem.open(file(committed.segment()), StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                files.put(committed.segment(), channel);
            }
            if (channel != null && channel.size() > committed.offset()) {
                channel.truncate(committed.offset());
                channel.force(true);
            }
        } catch (IOException e) {
            throw io("cannot cut " + file(committed.segment()) + " back to " + committed.offset()
                    + " bytes after a failed write", e);
        }
        current = committed.segment();
        position = committed.offset();
        written = committed.offset();
        dirty = false;
        sealed.tailMap(committed.segment(), true).clear();
    }

    /** The segments filled since the last checkpoint, with their sizes (for the checkpoint to record). */
    java.util.SortedMap<Long, Long> sealed() {
        return sealed;
    }

    /** Recovery found {@code segment} full at {@code size} bytes. */
    void seal(long segment, long size) {
        sealed.put(segment, size);
    }

    /**
     * Reads and verifies the record at {@code segment}/{@code offset} and returns its body: a buffer
     * of its own, positioned at the body and limited to its end; null if its file is gone.
     */
    ByteBuffer read(long segment, long offset, int length, long expectedSequence) {
        checkEntry(segment, offset, length, expectedSequence);
        ByteBuffer body = readAhead(segment, offset, length, expectedSequence);
        if (body != NOT_AHEAD) {
            return body == null ? null : ByteBuffer.wrap(copy(body));
        }
        return readInto(ByteBuffer.allocate(SegmentRecord.HEADER + length), segment, offset, length,
                expectedSequence);
    }

    /**
     * As {@link #read}, but returns the body as an array of its own, read through a scratch buffer
     * of the calling thread ({@link ReadScratch}): no buffer per read, and the bytes go from the OS
     * to the array with one copy (a heap buffer costs the JDK's copy through its own direct buffer,
     * then ours out of the heap buffer).
     */
    byte[] readBody(long segment, long offset, int length, long expectedSequence) {
        checkEntry(segment, offset, length, expectedSequence);
        ByteBuffer body = readAhead(segment, offset, length, expectedSequence);
        if (body == NOT_AHEAD) {
            int size = SegmentRecord.HEADER + length;
            ByteBuffer scratch = ReadScratch.take(size);
            body = readInto(scratch == null ? ByteBuffer.allocate(size) : scratch, segment, offset, length,
                    expectedSequence);
        }
        return body == null ? null : copy(body);
    }

    private static byte[] copy(ByteBuffer body) {
        byte[] bytes = new byte[body.remaining()];
        body.get(bytes);
        return bytes;
    }

    /**
     * The body of the record, checked, from this thread's read-ahead ({@link ReadAhead}): from a window that
     * holds it, or from a window read now when this read continues a run of the thread's. {@link #NOT_AHEAD}
     * when neither (the record is read the plain way); null when its file is gone.
     */
    private ByteBuffer readAhead(long segment, long offset, int length, long expectedSequence) {
        int size = SegmentRecord.HEADER + length;
        if (size > ReadAhead.WINDOW) {
            return NOT_AHEAD;
        }
        ReadAhead ahead = ReadAhead.ofThisThread();
        long seen = version;
        ByteBuffer record = ahead.held(seen, segment, offset, size);
        if (record != null) {
            return verifiedBody(segment, offset, record, length, expectedSequence);
        }
        ReadWindow window = ahead.forMiss(seen, segment, offset, size);
        if (window == null) {
            return NOT_AHEAD;
        }
        long at;
        long limit;
        synchronized (this) {
            if (segment == current && offset >= written) {
                return NOT_AHEAD; // in the write buffer
            }
            at = version;
            limit = segment == current ? written - offset : Long.MAX_VALUE; // never past what is in the file
        }
        if (limit < size) {
            return NOT_AHEAD;
        }
        try {
            FileChannel channel = reader(segment);
            if (channel == null) {
                return null;
            }
            window.fill(channel, at, segment, offset, limit, ahead.tick());
        } catch (ClosedChannelException e) {
            return null;
        } catch (IOException e) {
            throw io("cannot read " + file(segment), e);
        }
        record = window.take(at, segment, offset, size, ahead.tick());
        if (record == null) {
            throw corrupt(segment, offset, "ends before the record of message " + expectedSequence
                    + " (" + length + " bytes)");
        }
        return verifiedBody(segment, offset, record, length, expectedSequence);
    }

    private void checkEntry(long segment, long offset, int length, long expectedSequence) {
        if (length < 0 || offset < 0) {
            throw corrupt(segment, offset, "cannot hold message " + expectedSequence + " of length " + length
                    + " (the index entry is damaged)");
        }
    }

    /** Reads the record into {@code buf} (at 0, limited to the record's size) and returns its body, as {@link #read}. */
    private ByteBuffer readInto(ByteBuffer buf, long segment, long offset, int length, long expectedSequence) {
        try {
            synchronized (this) {
                if (segment == current && offset >= written) {
                    // still in the write buffer: read it from there, the disk may be full
                    int from = (int) (offset - written);
                    if (from + buf.limit() > buffer.position()) {
                        throw corrupt(segment, offset, "ends before the record of message " + expectedSequence);
                    }
                    buf.put(buffer.duplicate().position(from).limit(from + buf.limit()));
                    buf.flip();
                    return verifiedBody(segment, offset, buf, length, expectedSequence);
                }
            }
            FileChannel channel = reader(segment);
            if (channel == null) {
                return null;
            }
            long p = offset;
            while (buf.hasRemaining()) {
                int n = channel.read(buf, p);
                if (n < 0) {
                    throw corrupt(segment, offset, "ends before the record of message " + expectedSequence
                            + " (" + length + " bytes)");
                }
                p += n;
            }
            buf.flip();
            return verifiedBody(segment, offset, buf, length, expectedSequence);
        } catch (ClosedChannelException e) {
            return null;
        } catch (IOException e) {
            throw io("cannot read " + file(segment), e);
        }
    }

    /** The body of the record in {@code buf} (positioned at it), once the record is checked. */
    private ByteBuffer verifiedBody(long segment, long offset, ByteBuffer buf, int length, long expectedSequence) {
        SegmentRecord record = SegmentRecord.decode(segment, offset, buf, length, false);
        if (record == null || record.marker() || record.sequence() != expectedSequence) {
            throw corrupt(segment, offset, "does not hold a valid record of message " + expectedSequence);
        }
        return buf.position(SegmentRecord.HEADER);
    }

    private FileChannel reader(long segment) throws IOException {
        Reader last = lastReader;
        if (last != null && last.segment() == segment && last.channel().isOpen()) {
            return last.channel();
        }
        FileChannel channel = files.get(segment);
        if (channel == null) {
            try {
                FileChannel opened = fileSystem.open(file(segment), StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileChannel raced = files.putIfAbsent(segment, opened);
                if (raced != null) {
                    opened.close();
                }
                channel = raced != null ? raced : opened;
            } catch (NoSuchFileException e) {
                return null;
            }
        }
        lastReader = new Reader(segment, channel);
        return channel;
    }

    /** Moves the append position (recovery, after replaying the committed records). */
    synchronized void moveEnd(LogPosition end) {
        version = ReadAhead.newVersion();
        current = end.segment();
        position = end.offset();
        written = end.offset();
        committed = end;
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
        if (!Files.isDirectory(directory)) {
            return; // nothing was ever appended to this channel: its directory is made by the first append
        }
        try (Stream<Path> list = Files.list(directory)) {
            for (Path file : list.toList()) {
                long n = segmentNumber(file);
                if (n >= 0 && n < segment && n < current) {
                    FileChannel open = files.remove(n);
                    if (open != null) {
                        open.close();
                    }
                    invalidateWindows();
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

    /** What the read-ahead windows of this log are good for (see {@link ReadAhead}). */
    long version() {
        return version;
    }

    private synchronized void invalidateWindows() {
        version = ReadAhead.newVersion();
    }

    /** Whether {@link #close()} was called (a deleted channel). */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        invalidateWindows();
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

    /** An I/O failure: the log gets {@code what} (with file names), a client only the OS's reason. */
    static StoreException io(String what, IOException e) {
        String reason = e instanceof java.nio.file.FileSystemException fse ? fse.getReason() : e.getMessage();
        String publicMessage = reason == null || ABSOLUTE_PATH.matcher(reason).find()
                ? "store I/O error" : "store I/O error: " + reason;
        return new StoreException(StoreException.Reason.IO, what + ": " + e, publicMessage, e);
    }
}
