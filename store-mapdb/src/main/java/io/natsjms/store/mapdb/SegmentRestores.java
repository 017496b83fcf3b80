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
final class SegmentRestores {

    private static final System.Logger LOG = System.getLogger(SegmentRestores.class.getName());

    private final Path dataDirectory;
    /** The bytes to write, by file, in frame order. */
    private final Map<Path, List<JournalRecord.SegmentData>> pending = new LinkedHashMap<>();

    SegmentRestores(Path dataDirectory) {
        this.dataDirectory = dataDirectory;
    }

    /** Compares the committed bytes of {@code data} with its file; remembers them if the file differs. */
    void check(JournalRecord.SegmentData data) {
        Path file = SegmentLog.segmentFile(MapDbChannel.directory(dataDirectory, data.channel()), data.segment());
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer held = ByteBuffer.allocate(data.bytes().length);
            long p = data.offset();
            while (held.hasRemaining()) {
                int n = channel.read(held, p);
                if (n < 0) {
                    break;
                }
                p += n;
            }
            if (held.hasRemaining() || !Arrays.equals(held.array(), data.bytes())) {
                pending.computeIfAbsent(file, f -> new ArrayList<>()).add(data);
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot read " + file, e);
        }
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
                    ByteBuffer from = ByteBuffer.wrap(data.bytes());
                    while (from.hasRemaining()) {
                        channel.write(from, data.offset() + from.position());
                    }
                    bytes += data.bytes().length;
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
