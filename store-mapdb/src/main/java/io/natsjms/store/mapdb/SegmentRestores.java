package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds, for recovery, the segment bytes that committed journal frames carry
 * ({@link JournalRecord.SegmentData}) but the segment files no longer hold as written, as a power
 * loss leaves them: a commit under {@code fsync=always} forces only its journal frame, so the OS may
 * have written any part of the segment bytes, torn or not at all. {@link #check} only reads;
 * {@link #write()} puts the committed bytes back and forces each file once, after recovery found the
 * whole directory consistent. A file that does not exist is left to recovery's own checks (a commit
 * forces a new segment file's directory entry before its frame: missing means deleted).
 */
final class SegmentRestores implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SegmentRestores.class.getName());

    private final Path dataDirectory;
    /** The bytes to write, by file, in frame order. */
    private final Map<Path, List<JournalRecord.SegmentData>> pending = new LinkedHashMap<>();
    /** The most bytes of a segment file read at once when comparing. */
    private static final int WINDOW = 256 * 1024;

    /** The segment file {@link #check} read last, kept open, and the bytes of it read from {@code windowStart}. */
    private FileChannel reading;
    private Path readingPath;
    private long readingChannel;
    private long readingSegment;
    private ByteBuffer window = ByteBuffer.allocate(0);
    private long windowStart;

    SegmentRestores(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /**
     * Compares the committed bytes of {@code data} with its file; remembers them if the file differs.
     * A journal of single-message commits holds one record per message, so the file read last is kept
     * open and read ahead {@value #WINDOW} bytes at a time.
     */
    void check(JournalRecord.SegmentData data) {
        try {
            if (!open(data.channel(), data.segment())) {
                return;
            }
            int length = data.length();
            if (data.offset() < windowStart || data.offset() + length > windowStart + window.limit()) {
                window = length > WINDOW ? ByteBuffer.allocate(length) : window.capacity() < WINDOW
                        ? ByteBuffer.allocate(WINDOW) : window;
                window.clear();
                long p = data.offset();
                while (window.hasRemaining() && reading.read(window, p) > 0) {
                    p = data.offset() + window.position();
                }
                window.flip();
                windowStart = data.offset();
            }
            int from = (int) (data.offset() - windowStart);
            boolean same = from + length <= window.limit() && Arrays.equals(window.array(), from, from + length,
                    data.array(), data.from(), data.from() + length);
            if (!same) { // kept as a copy: a view would keep the whole journal read in memory
                pending.computeIfAbsent(readingPath, f -> new ArrayList<>()).add(new JournalRecord.SegmentData(
                        data.channel(), data.segment(), data.offset(),
                        Arrays.copyOfRange(data.array(), data.from(), data.from() + length)));
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot read " + readingPath, e);
        }
    }

    /** Makes the segment file of {@code channel} the one read (kept open); false if it does not exist. */
    private boolean open(long channel, long segment) throws IOException {
        if (reading != null && channel == readingChannel && segment == readingSegment) {
            return true;
        }
        close();
        Path file = SegmentLog.segmentFile(MapDbChannel.directory(dataDirectory, channel), segment);
        if (!Files.exists(file)) {
            return false;
        }
        reading = FileChannel.open(file, StandardOpenOption.READ);
        readingPath = file;
        readingChannel = channel;
        readingSegment = segment;
        window.limit(0);
        return true;
    }

    /** Closes the file {@link #check} kept open. */
    @Override
    public void close() {
        if (reading != null) {
            try {
                reading.close();
            } catch (IOException e) {
                // read only: nothing is lost
            }
        }
        reading = null;
        readingPath = null;
    }

    /** Whether any file needs bytes put back. */
    boolean any() {
        return !pending.isEmpty();
    }

    /** Puts the committed bytes back into every file that lost them, and forces each. */
    void write() {
        for (Map.Entry<Path, List<JournalRecord.SegmentData>> e : pending.entrySet()) {
            Path file = e.getKey();
            long bytes = 0;
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                for (JournalRecord.SegmentData data : e.getValue()) {
                    ByteBuffer from = data.bytes();
                    while (from.hasRemaining()) {
                        channel.write(from, data.offset() + from.position());
                    }
                    bytes += data.length();
                }
                channel.force(false);
            } catch (IOException ex) {
                throw SegmentLog.io("cannot restore committed bytes of " + file + " from the journal", ex);
            }
            LOG.log(System.Logger.Level.WARNING, "restored {0} committed bytes of {1} from the journal ({2} commits;"
                    + " the file had lost them, as a power loss leaves unforced writes)", bytes, file, e.getValue().size());
        }
    }
}
