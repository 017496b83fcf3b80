package io.natsjms.store.mapdb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * The compact form of an index block: a varint count, then per entry the zigzag varint deltas of
 * segment, offset and timestamp from the previous entry and the length as a varint. A block of 256
 * entries of 1 KB messages takes ~1.3 KB instead of 8 KB as raw longs, which keeps MapDB commits
 * (that copy every changed record through its write-ahead log) small. A CRC32C follows (see
 * {@link ValueChecksum}); blocks written before it was added end without one.
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
        return ValueChecksum.append(out.toByteArray());
    }

    /**
     * Decodes and checks a stored block.
     *
     * @throws IllegalArgumentException saying what is wrong, if the block is damaged
     */
    static long[] decode(byte[] block) {
        try {
            long[] entries = entries(ByteBuffer.wrap(block));
            return entries;
        } catch (java.nio.BufferUnderflowException | IllegalStateException e) {
            throw new IllegalArgumentException("index block of " + block.length + " bytes cannot be decoded ("
                    + e + ")", e);
        }
    }

    private static long[] entries(ByteBuffer in) {
        long declared = readVarint(in);
        if (declared < 1 || declared > MessageIndex.BLOCK) {
            throw new IllegalArgumentException("index block holds " + declared + " entries (expected 1.."
                    + MessageIndex.BLOCK + ")");
        }
        int count = (int) declared;
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
            if (segment < 1 || offset < 0 || entries[at + MessageIndex.LENGTH] < 0
                    || entries[at + MessageIndex.LENGTH] > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("index block entry " + i + " is impossible (segment " + segment
                        + ", offset " + offset + ", length " + entries[at + MessageIndex.LENGTH] + ")");
            }
        }
        if (in.remaining() == 4) {
            if (!ValueChecksum.valid(in.array())) {
                throw new IllegalArgumentException("index block checksum mismatch");
            }
        } else if (in.remaining() != 0) {
            throw new IllegalArgumentException("index block has " + in.remaining() + " bytes after its entries");
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
