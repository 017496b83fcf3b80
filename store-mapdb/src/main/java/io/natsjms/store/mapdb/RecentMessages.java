package io.natsjms.store.mapdb;

import io.natsjms.protocol.pb.MsgProto;
import java.util.Arrays;

/**
 * The last {@code capacity} messages appended to a channel, parsed and serialized, so that fresh
 * deliveries skip the disk and the serializer.
 * A ring indexed by sequence: a message sits in slot {@code sequence mod capacity} until a message
 * {@code capacity} sequences later takes the slot, and the slot remembers the sequence it holds, so
 * a lookup is one array read with no hashing or boxing. Appends come in sequence order, so the slots
 * hold the newest messages. Thread-safe (deliveries may read while the engine appends).
 */
final class RecentMessages {

    private final int mask;
    private final long[] sequences;
    private final MsgProto[] messages;
    private final byte[][] serialized;

    /** @param capacity how many messages are kept; a power of two */
    RecentMessages(int capacity) {
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two)");
        }
        this.mask = capacity - 1;
        this.sequences = new long[capacity];
        this.messages = new MsgProto[capacity];
        this.serialized = new byte[capacity][];
    }

    /** The message appended as {@code sequence}, or {@code null} when it is not kept (any more). */
    synchronized MsgProto get(long sequence) {
        int slot = (int) sequence & mask;
        return sequences[slot] == sequence ? messages[slot] : null;
    }

    /** The serialized form of the message appended as {@code sequence}, or {@code null} as for {@link #get}. */
    synchronized byte[] getSerialized(long sequence) {
        int slot = (int) sequence & mask;
        return sequences[slot] == sequence ? serialized[slot] : null;
    }

    /**
     * Keeps {@code msg} and its serialized form {@code bytes} (never changed afterwards) as
     * {@code sequence}, in place of the message {@code capacity} sequences older.
     */
    synchronized void put(long sequence, MsgProto msg, byte[] bytes) {
        int slot = (int) sequence & mask;
        sequences[slot] = sequence;
        messages[slot] = msg;
        serialized[slot] = bytes;
    }

    /** Forgets {@code sequence} if it is kept. */
    synchronized void remove(long sequence) {
        int slot = (int) sequence & mask;
        if (sequences[slot] == sequence) {
            sequences[slot] = 0;
            messages[slot] = null;
            serialized[slot] = null;
        }
    }

    synchronized void clear() {
        Arrays.fill(sequences, 0);
        Arrays.fill(messages, null);
        Arrays.fill(serialized, null);
    }
}
