package io.natsjms.store;

import java.nio.ByteBuffer;

/**
 * The few pieces of the protobuf wire format that {@link NewMessage} writes: varint fields and
 * length-delimited fields, each left out when it holds its default value, as protobuf leaves out
 * proto3 fields. Sizes follow {@code CodedOutputStream.compute*Size}.
 */
final class MsgProtoWriter {

    /** The largest encoded varint field: a one-byte tag and a ten-byte varint (a negative int64). */
    static final int MAX_VARINT_FIELD = 11;

    private static final int WIRETYPE_VARINT = 0;
    private static final int WIRETYPE_LENGTH_DELIMITED = 2;

    private MsgProtoWriter() {
    }

    /** The size of a varint field of a known field number (1 to 15: a one-byte tag) holding {@code value}; 0 for 0. */
    static int varintFieldSize(long value) {
        return value == 0 ? 0 : 1 + varintSize(value);
    }

    /** The size of a length-delimited field of a known field number (1 to 15); 0 when empty. */
    static long bytesFieldSize(int field, int length) {
        return length == 0 ? 0 : extraFieldSize(field, length);
    }

    /** The size of a length-delimited field, written even when empty (as an unknown field is). */
    static long extraFieldSize(int field, int length) {
        return (long) varintSize(tag(field, WIRETYPE_LENGTH_DELIMITED)) + varintSize(length) + length;
    }

    static void varintField(ByteBuffer out, int field, long value) {
        if (value != 0) {
            out.put((byte) tag(field, WIRETYPE_VARINT));
            varint(out, value);
        }
    }

    static void bytesField(ByteBuffer out, int field, byte[] value) {
        if (value.length != 0) {
            tagAndLength(out, field, value.length);
            out.put(value);
        }
    }

    /** The tag of a length-delimited field and the length that follows it. */
    static void tagAndLength(ByteBuffer out, int field, int length) {
        varint(out, tag(field, WIRETYPE_LENGTH_DELIMITED));
        varint(out, length);
    }

    /** The tag of a field, as the unsigned 32-bit value protobuf writes (a field above 2^28 sets the top bit). */
    private static long tag(int field, int wireType) {
        return (field << 3 | wireType) & 0xFFFF_FFFFL;
    }

    /** The size of {@code value} as an unsigned varint (1 to 10 bytes). */
    static int varintSize(long value) {
        // 7 bits a byte: 1 byte up to 7 significant bits, 10 bytes for 64
        int bits = 64 - Long.numberOfLeadingZeros(value);
        return bits == 0 ? 1 : (bits + 6) / 7;
    }

    private static void varint(ByteBuffer out, long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.put((byte) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.put((byte) v);
    }
}
