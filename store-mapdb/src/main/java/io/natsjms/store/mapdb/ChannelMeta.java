package io.natsjms.store.mapdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a checkpoint stores about one channel in MapDB, followed by a CRC32C of the encoded fields
 * (values written before the CRC was added have none and are only checked for sanity).
 *
 * @param name          the channel name
 * @param firstSequence oldest held message (see MessageStore)
 * @param lastSequence  newest message ever appended
 * @param lastTimestamp timestamp of the newest message
 * @param count         messages held
 * @param bytes         their total size
 * @param nextSubId     the next subscription ID to hand out
 * @param end           where the checkpointed messages end in the segment files
 */
record ChannelMeta(String name, long firstSequence, long lastSequence, long lastTimestamp, long count, long bytes,
                   long nextSubId, LogPosition end) {

    static ChannelMeta empty(String name) {
        return new ChannelMeta(name, 0, 0, 0, 0, 0, 1, LogPosition.START);
    }

    byte[] encode() {
        ByteArrayOutputStream bytesOut = new ByteArrayOutputStream(96);
        try (DataOutputStream out = new DataOutputStream(bytesOut)) {
            out.writeUTF(name);
            for (long v : new long[] {firstSequence, lastSequence, lastTimestamp, count, bytes, nextSubId,
                    end.segment(), end.offset()}) {
                out.writeLong(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ValueChecksum.append(bytesOut.toByteArray());
    }

    /**
     * Decodes and checks a stored value.
     *
     * @throws IllegalArgumentException saying what is wrong, if the value is damaged
     */
    static ChannelMeta decode(byte[] data) {
        byte[] fields = ValueChecksum.strip(data, 2 + 8 * 8);
        ChannelMeta meta;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(fields))) {
            meta = new ChannelMeta(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), new LogPosition(in.readLong(), in.readLong()));
            if (in.available() != 0) {
                throw new IllegalArgumentException(in.available() + " bytes more than a channel record holds");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("too short for a channel record (" + data.length + " bytes)", e);
        }
        meta.check();
        return meta;
    }

    /** The counters must describe a possible log; bounded work later depends on it. */
    private void check() {
        boolean empty = count == 0;
        boolean ok = lastSequence >= 0 && nextSubId >= 1 && bytes >= 0 && count >= 0
                && end.segment() >= 1 && end.offset() >= 0
                && (firstSequence == 0 && lastSequence == 0
                    || firstSequence >= 1 && firstSequence <= lastSequence + 1)
                && count <= lastSequence - Math.max(firstSequence, 1) + 1
                && (!empty || bytes == 0);
        if (!ok) {
            throw new IllegalArgumentException("impossible counters " + this);
        }
    }
}
