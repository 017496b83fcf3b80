package io.natsjms.store.mapdb;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.NewMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The last {@code capacity} messages appended to a channel, serialized, so that fresh deliveries skip
 * the disk and the serializer. A ring indexed by sequence: a message sits in slot
 * {@code sequence mod capacity} until a message {@code capacity} sequences later takes the slot, and
 * the slot remembers the sequence it holds, so a lookup is one array read with no hashing or boxing.
 * Appends come in sequence order, so the slots hold the newest messages.
 *
 * <p>A message is parsed only when it is asked for parsed, once, and its bytes fields then share the
 * serialized array rather than copy it: a message kept both ways costs its size once. A message
 * appended as a {@link NewMessage} (written straight into the segment's buffer) is kept as such and
 * serialized only when it is first asked for, so that messages nobody reads while they are recent
 * never get an array. The arrays are never changed. Thread-safe (deliveries may read while the engine
 * appends).
 */
final class RecentMessages {

    private final int mask;
    private final long[] sequences;
    private final byte[][] serialized;
    private final MsgProto[] parsed;
    /** Per slot, a message not serialized yet and the timestamp it was stored with (its sequence is the slot's). */
    private final NewMessage[] unserialized;
    private final long[] timestamps;

    /** @param capacity how many messages are kept; a power of two */
    RecentMessages(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two)");
        }
        this.mask = capacity - 1;
        this.sequences = new long[capacity];
        this.serialized = new byte[capacity][];
        this.parsed = new MsgProto[capacity];
        this.unserialized = new NewMessage[capacity];
        this.timestamps = new long[capacity];
    }

    /** The message appended as {@code sequence} (the same instance each time), or {@code null} when it is not kept. */
    synchronized MsgProto get(long sequence) {
        int slot = (int) sequence & mask;
        byte[] bytes = serialized(slot, sequence);
        if (bytes == null) {
            return null;
        }
        if (parsed[slot] == null) {
            parsed[slot] = parse(bytes);
        }
        return parsed[slot];
    }

    /** The serialized form of the message appended as {@code sequence}, or {@code null} as for {@link #get}. */
    synchronized byte[] getSerialized(long sequence) {
        return serialized((int) sequence & mask, sequence);
    }

    /** The bytes of {@code sequence} in {@code slot}, serialized now if it was kept unserialized. */
    private byte[] serialized(int slot, long sequence) {
        if (sequences[slot] != sequence) {
            return null;
        }
        if (serialized[slot] == null && unserialized[slot] != null) {
            serialized[slot] = unserialized[slot].toByteArray(sequence, timestamps[slot]);
            unserialized[slot] = null;
        }
        return serialized[slot];
    }

    /**
     * Keeps the message serialized as {@code bytes} (never changed afterwards) as {@code sequence}, in
     * place of the message {@code capacity} sequences older.
     */
    synchronized void put(long sequence, byte[] bytes) {
        int slot = (int) sequence & mask;
        sequences[slot] = sequence;
        serialized[slot] = bytes;
        parsed[slot] = null;
        unserialized[slot] = null;
    }

    /**
     * Keeps {@code msg}, stored as {@code sequence} with {@code timestamp}, in place of the message
     * {@code capacity} sequences older; it is serialized ({@link NewMessage#toByteArray}) when first asked for.
     */
    synchronized void put(long sequence, NewMessage msg, long timestamp) {
        int slot = (int) sequence & mask;
        sequences[slot] = sequence;
        serialized[slot] = null;
        parsed[slot] = null;
        unserialized[slot] = msg;
        timestamps[slot] = timestamp;
    }

    /** Forgets {@code sequence} if it is kept. */
    synchronized void remove(long sequence) {
        int slot = (int) sequence & mask;
        if (sequences[slot] == sequence) {
            sequences[slot] = 0;
            serialized[slot] = null;
            parsed[slot] = null;
            unserialized[slot] = null;
        }
    }

    synchronized void clear() {
        Arrays.fill(sequences, 0);
        Arrays.fill(serialized, null);
        Arrays.fill(parsed, null);
        Arrays.fill(unserialized, null);
    }

    /** Parses bytes this store serialized itself; the message's bytes fields share {@code bytes}. */
    private static MsgProto parse(byte[] bytes) {
        CodedInputStream in = CodedInputStream.newInstance(bytes);
        in.enableAliasing(true);
        try {
            return MsgProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a message serialized by the store does not parse back", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
