package io.natsjms.store.mapdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** The typed records of the {@link Journal}: every change of a commit, and the segment bytes it did not force. */
sealed interface JournalRecord {

    /** The server info was set (a serialized ServerInfo). */
    record ServerInfoSet(byte[] info) implements JournalRecord { }

    /** A client was added or replaced (a serialized ClientInfo). */
    record ClientAdded(String id, byte[] info) implements JournalRecord { }

    record ClientDeleted(String id) implements JournalRecord { }

    /** A channel was created with the store-wide unique {@code channel} number. */
    record ChannelCreated(long channel, String name) implements JournalRecord { }

    record ChannelDeleted(long channel) implements JournalRecord { }

    /** Every message of the channel below {@code firstSequence} is gone (limits or expiry). */
    record Trimmed(long channel, long firstSequence) implements JournalRecord { }

    /** A subscription was created or updated (a serialized SubState). */
    record SubPut(long channel, long subId, byte[] state) implements JournalRecord { }

    record SubDeleted(long channel, long subId) implements JournalRecord { }

    record PendingAdded(long channel, long subId, long sequence) implements JournalRecord { }

    record PendingAcked(long channel, long subId, long sequence) implements JournalRecord { }

    /**
     * The pending adds and acks of a subscription, in order, within one commit (type 18; written
     * instead of {@link PendingAdded} and {@link PendingAcked}, which are still read).
     */
    record PendingBatch(long channel, long subId, PendingChanges changes) implements JournalRecord { }

    /** The pending sequence's redelivery count was set (0 forgets it). */
    record RedeliveryCounted(long channel, long subId, long sequence, int count) implements JournalRecord { }

    /** A subscription was set aside (see SetAside): {@code record} is its encoded state and pending set. */
    record SubSetAside(long channel, long subId, String reason, byte[] record) implements JournalRecord { }

    /** A scheduled message was put (a serialized ScheduledMsg) under {@code key}, its channel and guid. */
    record ScheduledPut(String key, byte[] msg) implements JournalRecord { }

    /** The scheduled message {@code key} was removed (it became due, or its put was undone). */
    record ScheduledRemoved(String key) implements JournalRecord { }

    /** A prepared transaction branch was put (a serialized PreparedTx) under {@code key} (see BranchKey). */
    record PreparedPut(String key, byte[] tx) implements JournalRecord { }

    /** The prepared branch {@code key} was removed (committed or rolled back). */
    record PreparedRemoved(String key) implements JournalRecord { }

    /** At this commit the channel's committed messages end at this segment position. */
    record SegmentEnd(long channel, long segment, long offset) implements JournalRecord { }

    /**
     * The bytes the commit wrote to a segment file from {@code offset} on, not forced with the commit
     * (type 19, written under {@code fsync=always}): recovery restores them if the file lost them.
     * The bytes are {@code length} bytes of {@code array} from {@code from}: a record read back from a
     * journal is a view of the bytes read, not a copy (a journal of single-message commits is mostly
     * these bytes). Two records are equal when they name the same place and hold the same bytes.
     */
    record SegmentData(long channel, long segment, long offset, byte[] array, int from, int length)
            implements JournalRecord {

        public SegmentData {
            if (from < 0 || length < 0 || length > array.length - from) {
                throw new IllegalArgumentException("carried bytes " + from + ".." + ((long) from + length)
                        + " (expected: within an array of " + array.length + " bytes)");
            }
        }

        /** The record of all of {@code bytes}. */
        SegmentData(long channel, long segment, long offset, byte[] bytes) {
            this(channel, segment, offset, bytes, 0, bytes.length);
        }

        /** Where the bytes end in their segment file. */
        long end() {
            return offset + length;
        }

        /** The bytes, as a read-only buffer of its own (position 0, limit {@link #length()}). */
        ByteBuffer bytes() {
            return ByteBuffer.wrap(array, from, length).slice().asReadOnlyBuffer();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SegmentData o && channel == o.channel && segment == o.segment
                    && offset == o.offset && Arrays.equals(array, from, from + length, o.array, o.from, o.from + o.length);
        }

        @Override
        public int hashCode() {
            int hash = Long.hashCode(channel) * 31 + Long.hashCode(segment);
            hash = hash * 31 + Long.hashCode(offset);
            for (int i = from; i < from + length; i++) {
                hash = hash * 31 + array[i];
            }
            return hash;
        }

        @Override
        public String toString() {
            return "SegmentData[channel=" + channel + ", segment=" + segment + ", offset=" + offset + ", length="
                    + length + "]";
        }
    }

    /**
     * Appends {@code record} to a frame being assembled: the records made of numbers only (pending
     * adds and acks, segment ends: most of a journal) straight into the buffer, the others through
     * {@link #write(DataOutputStream, JournalRecord)}. The bytes are the same either way.
     */
    static void write(FrameBuffer out, JournalRecord record) {
        if (record instanceof PendingBatch r) {
            out.room(17).put((byte) 18).putLong(r.channel()).putLong(r.subId());
            r.changes().write(out);
        } else if (record instanceof PendingAdded r) {
            out.room(25).put((byte) 9).putLong(r.channel()).putLong(r.subId()).putLong(r.sequence());
        } else if (record instanceof PendingAcked r) {
            out.room(25).put((byte) 10).putLong(r.channel()).putLong(r.subId()).putLong(r.sequence());
        } else if (record instanceof SegmentEnd r) {
            out.room(25).put((byte) 11).putLong(r.channel()).putLong(r.segment()).putLong(r.offset());
        } else if (record instanceof RedeliveryCounted r) {
            out.room(29).put((byte) 12).putLong(r.channel()).putLong(r.subId()).putLong(r.sequence())
                    .putInt(r.count());
        } else if (record instanceof Trimmed r) {
            out.room(17).put((byte) 6).putLong(r.channel()).putLong(r.firstSequence());
        } else if (record instanceof SubDeleted r) {
            out.room(17).put((byte) 8).putLong(r.channel()).putLong(r.subId());
        } else if (record instanceof ChannelDeleted r) {
            out.room(9).put((byte) 5).putLong(r.channel());
        } else if (record instanceof SegmentData r) {
            out.room(29 + r.length()).put((byte) 19).putLong(r.channel()).putLong(r.segment())
                    .putLong(r.offset()).putInt(r.length()).put(r.array(), r.from(), r.length());
        } else {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
            write(new DataOutputStream(bytes), record);
            byte[] encoded = bytes.toByteArray();
            out.room(encoded.length).put(encoded);
        }
    }

    static void write(DataOutputStream out, JournalRecord record) {
        try {
            if (record instanceof ServerInfoSet r) {
                out.writeByte(1);
                bytes(out, r.info());
            } else if (record instanceof ClientAdded r) {
                out.writeByte(2);
                out.writeUTF(r.id());
                bytes(out, r.info());
            } else if (record instanceof ClientDeleted r) {
                out.writeByte(3);
                out.writeUTF(r.id());
            } else if (record instanceof ChannelCreated r) {
                out.writeByte(4);
                out.writeLong(r.channel());
                out.writeUTF(r.name());
            } else if (record instanceof ChannelDeleted r) {
                longs(out, 5, r.channel());
            } else if (record instanceof Trimmed r) {
                longs(out, 6, r.channel(), r.firstSequence());
            } else if (record instanceof SubPut r) {
                longs(out, 7, r.channel(), r.subId());
                bytes(out, r.state());
            } else if (record instanceof SubDeleted r) {
                longs(out, 8, r.channel(), r.subId());
            } else if (record instanceof PendingAdded r) {
                longs(out, 9, r.channel(), r.subId(), r.sequence());
            } else if (record instanceof PendingAcked r) {
                longs(out, 10, r.channel(), r.subId(), r.sequence());
            } else if (record instanceof SegmentEnd r) {
                longs(out, 11, r.channel(), r.segment(), r.offset());
            } else if (record instanceof RedeliveryCounted r) {
                longs(out, 12, r.channel(), r.subId(), r.sequence());
                out.writeInt(r.count());
            } else if (record instanceof ScheduledPut r) {
                out.writeByte(14);
                out.writeUTF(r.key());
                bytes(out, r.msg());
            } else if (record instanceof ScheduledRemoved r) {
                out.writeByte(15);
                out.writeUTF(r.key());
            } else if (record instanceof PreparedPut r) {
                out.writeByte(16);
                out.writeUTF(r.key());
                bytes(out, r.tx());
            } else if (record instanceof PreparedRemoved r) {
                out.writeByte(17);
                out.writeUTF(r.key());
            } else if (record instanceof SubSetAside r) {
                longs(out, 13, r.channel(), r.subId());
                out.writeUTF(r.reason());
                bytes(out, r.record());
            } else if (record instanceof SegmentData r) {
                longs(out, 19, r.channel(), r.segment(), r.offset());
                out.writeInt(r.length());
                out.write(r.array(), r.from(), r.length());
            } else if (record instanceof PendingBatch r) {
                FrameBuffer frame = new FrameBuffer();
                frame.reset();
                write(frame, r);
                out.write(frame.buffer().array(), 0, frame.buffer().position());
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory failed", e);
        }
    }

    /**
     * Reads one record at the position of {@code in} (a heap buffer) and moves past it. The records
     * made of numbers only (pending adds and acks, segment ends: most of a journal) are read from
     * the buffer directly, and so are batches of pending changes; the others through {@link #read(DataInputStream)}.
     * The bytes of a {@link SegmentData} are not copied: the record is a view of {@code in}'s array.
     *
     * @throws IOException if the record is cut short or of an unknown type
     */
    static JournalRecord read(ByteBuffer in) throws IOException {
        int type = in.get(in.position()) & 0xff;
        if (type == 19) {
            return segmentData(in);
        }
        if (type == 18) {
            if (in.remaining() < 17) {
                throw new EOFException("record of type 18 cut short");
            }
            in.get();
            return new PendingBatch(in.getLong(), in.getLong(), PendingChanges.read(in));
        }
        int size = switch (type) {
            case 5 -> 8;
            case 6, 8 -> 16;
            case 9, 10, 11 -> 24;
            case 12 -> 28;
            default -> -1;
        };
        if (size < 0) {
            DataInputStream data = new DataInputStream(new ByteArrayInputStream(in.array(),
                    in.arrayOffset() + in.position(), in.remaining()));
            JournalRecord record = read(data);
            in.position(in.limit() - data.available());
            return record;
        }
        if (in.remaining() < 1 + size) {
            throw new EOFException("record of type " + type + " cut short");
        }
        in.get();
        return switch (type) {
            case 5 -> new ChannelDeleted(in.getLong());
            case 6 -> new Trimmed(in.getLong(), in.getLong());
            case 8 -> new SubDeleted(in.getLong(), in.getLong());
            case 9 -> new PendingAdded(in.getLong(), in.getLong(), in.getLong());
            case 10 -> new PendingAcked(in.getLong(), in.getLong(), in.getLong());
            case 11 -> new SegmentEnd(in.getLong(), in.getLong(), in.getLong());
            default -> new RedeliveryCounted(in.getLong(), in.getLong(), in.getLong(), in.getInt());
        };
    }

    private static SegmentData segmentData(ByteBuffer in) throws IOException {
        if (in.remaining() < 29) {
            throw new EOFException("record of type 19 cut short");
        }
        in.get();
        long channel = in.getLong();
        long segment = in.getLong();
        long offset = in.getLong();
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IOException("record length " + length + " exceeds the frame");
        }
        int from = in.position();
        in.position(from + length);
        return new SegmentData(channel, segment, offset, in.array(), in.arrayOffset() + from, length);
    }

    static JournalRecord read(DataInputStream in) throws IOException {
        int type = in.readUnsignedByte();
        return switch (type) {
            case 1 -> new ServerInfoSet(bytes(in));
            case 2 -> new ClientAdded(in.readUTF(), bytes(in));
            case 3 -> new ClientDeleted(in.readUTF());
            case 4 -> new ChannelCreated(in.readLong(), in.readUTF());
            case 5 -> new ChannelDeleted(in.readLong());
            case 6 -> new Trimmed(in.readLong(), in.readLong());
            case 7 -> new SubPut(in.readLong(), in.readLong(), bytes(in));
            case 8 -> new SubDeleted(in.readLong(), in.readLong());
            case 9 -> new PendingAdded(in.readLong(), in.readLong(), in.readLong());
            case 10 -> new PendingAcked(in.readLong(), in.readLong(), in.readLong());
            case 11 -> new SegmentEnd(in.readLong(), in.readLong(), in.readLong());
            case 12 -> new RedeliveryCounted(in.readLong(), in.readLong(), in.readLong(), in.readInt());
            case 13 -> new SubSetAside(in.readLong(), in.readLong(), in.readUTF(), bytes(in));
            case 14 -> new ScheduledPut(in.readUTF(), bytes(in));
            case 15 -> new ScheduledRemoved(in.readUTF());
            case 16 -> new PreparedPut(in.readUTF(), bytes(in));
            case 17 -> new PreparedRemoved(in.readUTF());
            case 18 -> new PendingBatch(in.readLong(), in.readLong(), pendingChanges(in));
            case 19 -> new SegmentData(in.readLong(), in.readLong(), in.readLong(), bytes(in));
            default -> throw new IOException("unknown journal record type " + type);
        };
    }

    private static PendingChanges pendingChanges(DataInputStream in) throws IOException {
        byte[] body = bytes(in);
        return PendingChanges.read(ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).flip());
    }

    private static void longs(DataOutputStream out, int type, long... values) throws IOException {
        out.writeByte(type);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static void bytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] bytes(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
            throw new IOException("record length " + length + " exceeds the frame");
        }
        return in.readNBytes(length);
    }
}
