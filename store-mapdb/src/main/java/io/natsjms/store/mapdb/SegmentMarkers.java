package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Finds the commit markers recovery needs in the segment files of a channel (see {@link SegmentRecord}). */
final class SegmentMarkers {

    private SegmentMarkers() {
    }

    /**
     * The valid commit markers after {@code from}: the records there are read in order (through
     * later segment files too) until the first invalid one or the end of the files. Every record is
     * read once, so the work is bounded by the size of the uncommitted tail.
     */
    static List<SegmentRecord> markersAfter(Path directory, LogPosition from) {
        List<SegmentRecord> markers = new ArrayList<>();
        ByteBuffer header = ByteBuffer.allocate(SegmentRecord.HEADER);
        long segment = from.segment();
        long offset = from.offset();
        try {
            while (true) {
                Path file = directory.resolve("msgs." + segment + ".log");
                if (!Files.exists(file)) {
                    return markers;
                }
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    long size = channel.size();
                    while (offset + SegmentRecord.HEADER <= size) {
                        header.clear();
                        readFully(channel, header, offset);
                        int length = header.getInt(0);
                        long end = offset + SegmentRecord.HEADER + Math.max(length, 0);
                        if (length < SegmentRecord.MARKER || end > size) {
                            return markers;
                        }
                        ByteBuffer record = ByteBuffer.allocate((int) (end - offset));
                        readFully(channel, record, offset);
                        SegmentRecord decoded = SegmentRecord.decode(segment, offset, record, -2, true);
                        if (decoded == null) {
                            return markers;
                        }
                        if (decoded.marker()) {
                            markers.add(decoded);
                        }
                        offset = end;
                    }
                    if (offset != size) {
                        return markers;
                    }
                }
                segment++;
                offset = 0;
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot read segment " + segment + " in " + directory, e);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long at) throws IOException {
        buf.clear();
        long p = at;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, p);
            if (n < 0) {
                throw new java.io.EOFException("at " + p);
            }
            p += n;
        }
        buf.flip();
    }
}
