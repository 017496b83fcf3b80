package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads, for recovery, the message records each journal frame commits, frame after frame. A journal
 * of small commits names a few hundred bytes of a segment per frame, so the scanner keeps the
 * segment file it last read of each channel open (and its size, which nothing changes while
 * recovery reads) instead of looking the file up, opening and sizing it again for every frame, and
 * reads it ahead, so that a run of small frames costs one read, not one per frame. The read-ahead
 * starts small and doubles with each read of the same open file up to {@value #WINDOW} bytes: when
 * more channels take turns than files are kept open, each frame reopens its file anyway and must
 * not pay for a large read. Bodies are verified (CRC) but not copied: replay only needs where each
 * message is and how long it is.
 *
 * <p>A frame written under {@code fsync=always} carries the bytes its commit wrote to a segment it did
 * not force ({@link JournalRecord.SegmentData}); {@link #restore} makes the scanner read those bytes
 * from the frame instead of the file, which a power loss may have left shorter or torn there.
 */
final class SegmentScanner implements AutoCloseable {

    /** At most this many segment files are held open at once (one per channel read recently). */
    private static final int MAX_OPEN = 64;
    /** The most bytes read ahead per open segment. */
    static final int WINDOW = 256 * 1024;
    /** The unit a disk writes whole or not at all. */
    private static final int ZERO_SECTOR = 512;
    /** The read-ahead of a segment just opened. */
    private static final int FIRST_WINDOW = 8 * 1024;

    private final Path dataDirectory;
    private final StoreFiles files;
    /** By channel number, least recently read first. */
    private final Map<Long, OpenSegment> open = new LinkedHashMap<>(16, 0.75f, true);
    /** By channel number: the segment bytes the frame being replayed carries, read instead of the file. */
    private final Map<Long, JournalRecord.SegmentData> restored = new HashMap<>();

    /** A segment file being read, and the bytes of it read ahead ({@code windowStart} on). */
    private static final class OpenSegment {
        final long segment;
        final FileChannel channel;
        final long size;
        ByteBuffer window;
        long windowStart;
        int windowLength;
        /** How much the next read fetches at least (read ahead). */
        int ahead = FIRST_WINDOW;

        OpenSegment(long segment, FileChannel channel, long size) {
            this.segment = segment;
            this.channel = channel;
            this.size = size;
        }
    }

    /**
     * @param dataDirectory the store's directory
     * @param files         opens the segment files (read only)
     */
    SegmentScanner(Path dataDirectory, StoreFiles files) {
        this.dataDirectory = dataDirectory;
        this.files = files;
    }

    /** Reads {@code data}'s range of its segment from {@code data} from now on (until the channel's next one). */
    void restore(JournalRecord.SegmentData data) {
        restored.put(data.channel(), data);
    }

    /**
     * Reads every record from {@code from} up to exactly {@code to} in the segments of channel
     * {@code channel}, verifying each; commit markers are skipped.
     *
     * @return the message records (without bodies), or null if the files are shorter than
     *         {@code to}, missing, end in bytes never written (zeros) or hold a sector never
     *         written inside an invalid record, as a crash during the commit leaves them
     * @throws StoreException {@code CORRUPT} naming the file and offset if the bytes are all there
     *         but hold an invalid record: damage, which no crash leaves behind
     */
    List<SegmentRecord> scan(long channel, LogPosition from, LogPosition to) {
        List<SegmentRecord> records = new ArrayList<>();
        long segment = from.segment();
        long offset = from.offset();
        try {
            while (segment < to.segment() || offset < to.offset()) {
                OpenSegment file = segment(channel, segment);
                long size = file == null ? -1 : file.size;
                JournalRecord.SegmentData data = restored.get(channel);
                boolean fromFrame = file != null && data != null && segment == to.segment()
                        && data.segment() == segment && data.offset() <= offset && to.offset() <= data.end();
                if (fromFrame) {
                    size = Math.max(size, data.end());
                }
                long limit = segment < to.segment() ? size : to.offset();
                if (size < 0 || size < limit || (segment == to.segment() && limit < offset)
                        || limit - offset > Integer.MAX_VALUE) {
                    return null;
                }
                if (offset >= limit) {
                    segment++;
                    offset = 0;
                    continue;
                }
                ByteBuffer buf = fromFrame
                        ? ByteBuffer.wrap(data.array(), data.from() + (int) (offset - data.offset()),
                                (int) (limit - offset)).slice()
                        : read(file, offset, (int) (limit - offset));
                while (buf.hasRemaining()) {
                    SegmentRecord record = SegmentRecord.decode(segment, offset + buf.position(), buf, -2, false);
                    if (record == null) {
                        if (SegmentRecord.unwritten(buf) || holds(buf, offset, ZERO_SECTOR)) {
                            return null;
                        }
                        throw new StoreException(StoreException.Reason.CORRUPT, "segment file "
                                + SegmentLog.segmentFile(MapDbChannel.directory(dataDirectory, channel), segment) + " holds a damaged record at offset "
                                + (offset + buf.position()) + ", inside committed data (up to offset " + limit + ")");
                    }
                    if (!record.marker()) {
                        records.add(record);
                    }
                }
                offset = limit;
            }
            return records;
        } catch (IOException e) {
            throw SegmentLog.io("cannot read segment " + segment + " in "
                    + MapDbChannel.directory(dataDirectory, channel), e);
        }
    }

    /**
     * Whether the rest of {@code buf} (whose position 0 is at {@code start} in its file) holds an
     * aligned run of {@code sector} zero bytes: a sector the OS never wrote, as a power loss leaves
     * in a file whose pages reached the disk out of order. A record that is invalid there is torn
     * (its commit was in flight, recovery rolls it back if it is the last), not damaged.
     */
    private static boolean holds(ByteBuffer buf, long start, int sector) {
        long from = start + buf.position();
        long end = start + buf.limit();
        for (long p = (from + sector - 1) / sector * sector; p + sector <= end; p += sector) {
            boolean zeros = true;
            for (int i = (int) (p - start); i < p - start + sector && zeros; i++) {
                zeros = buf.get(i) == 0;
            }
            if (zeros) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code length} bytes of {@code file} from {@code at} (fewer if the file ends first), as a buffer
     * whose position 0 is {@code at}: from the window read ahead if it holds them, else read (with
     * what follows, up to a window) from the file.
     */
    private static ByteBuffer read(OpenSegment file, long at, int length) throws IOException {
        if (file.window == null || at < file.windowStart || at + length > file.windowStart + file.windowLength) {
            int want = (int) Math.max(length, Math.min(file.ahead, file.size - at));
            file.ahead = Math.min(WINDOW, file.ahead * 2);
            ByteBuffer into;
            if (want > WINDOW) {
                into = ByteBuffer.allocate(want); // a frame larger than a window: read once, not kept
            } else {
                if (file.window == null || file.window.capacity() < want) {
                    file.window = ByteBuffer.allocate(Math.max(want, file.ahead));
                }
                into = file.window;
            }
            into.clear().limit(want);
            long p = at;
            while (into.hasRemaining() && file.channel.read(into, p) > 0) {
                p = at + into.position();
            }
            into.flip();
            if (into != file.window) {
                return into;
            }
            file.windowStart = at;
            file.windowLength = into.limit();
        }
        int from = (int) (at - file.windowStart);
        return file.window.duplicate().limit(Math.min(file.windowLength, from + length)).position(from).slice();
    }

    /** Segment {@code segment} of channel {@code number}, opened (or still open); null if it does not exist. */
    private OpenSegment segment(long number, long segment) throws IOException {
        OpenSegment current = open.get(number);
        if (current != null && current.segment == segment) {
            return current;
        }
        if (current != null) {
            open.remove(number);
            current.channel.close();
        }
        Path file = SegmentLog.segmentFile(MapDbChannel.directory(dataDirectory, number), segment);
        if (!Files.exists(file)) {
            return null;
        }
        FileChannel channel;
        try {
            channel = files.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            return null;
        }
        OpenSegment opened;
        try {
            opened = new OpenSegment(segment, channel, channel.size());
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        open.put(number, opened);
        if (open.size() > MAX_OPEN) {
            Iterator<OpenSegment> eldest = open.values().iterator();
            FileChannel dropped = eldest.next().channel;
            eldest.remove();
            dropped.close();
        }
        return opened;
    }

    /** Closes every file still open and forgets the carried bytes (views of a whole journal read). */
    @Override
    public void close() {
        restored.clear();
        for (OpenSegment segment : open.values()) {
            try {
                segment.channel.close();
            } catch (IOException e) {
                // read-only: nothing can be lost by a failed close
            }
        }
        open.clear();
    }
}
