package io.natsjms.store.mapdb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The compact form of an index block: a varint count, then per entry the zigzag varint deltas of
 * segment, offset and timestamp from the previous entry and the length as a varint. A block of 256
 * entries of 1 KB messages takes ~1.3 KB instead of 8 KB as raw longs, which keeps MapDB commits
 * (that copy every changed record through its write-ahead log) small.
 */
final class IndexBlockCodec {

    private IndexBlockCodec() {
    }

    static byte[] encode(long[] entries) {
        int count = entries.length / MessageIndex.FIELDS;
        ByteArrayOutputStream out = new ByteArrayOutputStream(8 + count * 8);
        writeVarint(out, count);
        long segment = 0;
        long offset = 0;
        long timestamp = 0;
        for (int i = 0; i < count; i++) {
            int at = i * MessageIndex.FIELDS;
            writeVarint(out, zigzag(entries[at + MessageIndex.SEGMENT] - segment));
            writeVarint(out, zigzag(entries[at + MessageIndex.OFFSET] - offset));
            writeVarint(out, entries[at + MessageIndex.LENGTH]);
            writeVarint(out, zigzag(entries[at + MessageIndex.TIMESTAMP] - timestamp));
            segment = entries[at + MessageIndex.SEGMENT];
            offset = entries[at + MessageIndex.OFFSET];
            timestamp = entries[at + MessageIndex.TIMESTAMP];
        }
        return out.toByteArray();
    }

    static long[] decode(byte[] block) {
        ByteBuffer in = ByteBuffer.wrap(block);
        int count = (int) readVarint(in);
        long[] entries = new long[count * MessageIndex.FIELDS];
        long segment = 0;
        long offset = 0;
        long timestamp = 0;
        for (int i = 0; i < count; i++) {
            int at = i * MessageIndex.FIELDS;
            segment += unzigzag(readVarint(in));
            offset += unzigzag(readVarint(in));
            entries[at + MessageIndex.LENGTH] = readVarint(in);
            timestamp += unzigzag(readVarint(in));
            entries[at + MessageIndex.SEGMENT] = segment;
            entries[at + MessageIndex.OFFSET] = offset;
            entries[at + MessageIndex.TIMESTAMP] = timestamp;
        }
        return entries;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long readVarint(ByteBuffer in) {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            result |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("index block: varint longer than 10 bytes");
    }
}
