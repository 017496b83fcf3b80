package io.natsjms.store.mapdb;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The CRC32C trailer of the values the store writes to MapDB (channel records, index blocks,
 * subscriptions): MapDB checks none of them, so a flipped byte would otherwise be loaded as truth.
 */
final class ValueChecksum {

    private ValueChecksum() {
    }

    static byte[] append(byte[] value) {
        return ByteBuffer.allocate(value.length + 4).put(value).putInt(crc(value, value.length)).array();
    }

    /** Whether the last 4 bytes of {@code value} are the CRC of the rest. */
    static boolean valid(byte[] value) {
        return value.length >= 4 && crc(value, value.length - 4) == ByteBuffer.wrap(value, value.length - 4, 4).getInt();
    }

    /**
     * The value without its CRC, after checking it. A channel record written before CRCs were added
     * is recognised by its length: its UTF name prefix plus {@code legacyFixedLength} bytes.
     *
     * @throws IllegalArgumentException if the CRC does not match
     */
    static byte[] strip(byte[] value, int legacyFixedLength) {
        if (legacyFixedLength > 0 && value.length >= 2) {
            int utf = ((value[0] & 0xff) << 8) | (value[1] & 0xff);
            if (value.length == utf + legacyFixedLength) {
                return value;
            }
        }
        if (!valid(value)) {
            throw new IllegalArgumentException("checksum mismatch (" + value.length + " bytes)");
        }
        return Arrays.copyOf(value, value.length - 4);
    }

    private static int crc(byte[] value, int length) {
        CRC32C crc = new CRC32C();
        crc.update(value, 0, length);
        return (int) crc.getValue();
    }
}
