package io.natsjms.store.mapdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What a checkpoint stores about one channel in MapDB.
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
        return bytesOut.toByteArray();
    }

    static ChannelMeta decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            return new ChannelMeta(in.readUTF(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                    in.readLong(), in.readLong(), new LogPosition(in.readLong(), in.readLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
