package io.natsjms.store.jetstream;

import io.natsjms.protocol.pb.MsgProto;
import java.util.Arrays;

/**
 * What one channel holds, in memory: for every held message (consecutive sequences) its timestamp and
 * size, and the message itself while it fits in the cache budget (the newest are kept). Messages
 * beyond the budget are read back from the stream. Not thread-safe; its owner guards it.
 */
final class MessageIndex {

    private static final int MIN_CAPACITY = 16;

    private final long cacheBudget;

    private long[] timestamps = new long[MIN_CAPACITY];
    private int[] sizes = new int[MIN_CAPACITY];
    private MsgProto[] bodies = new MsgProto[MIN_CAPACITY];
    /** Slot of the oldest held message. */
    private int head;
    /** Number of held messages. */
    private int count;
    /** Sequence of the oldest held message, or of the next one when none is held. */
    private long first = 1;
    /** Sum of the sizes of the held messages. */
    private long bytes;
    /** Sum of the sizes of the cached bodies. */
    private long cachedBytes;
    /** Sequence of the oldest message whose body is still cached. */
    private long oldestCached = 1;

    /** @param cacheBudget most bytes of message bodies kept in memory */
    MessageIndex(long cacheBudget) {
        this.cacheBudget = cacheBudget;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** Sequence of the oldest held message ({@code last + 1} when none is held). */
    long first() {
        return first;
    }

    /** Sequence of the newest held message ({@code first - 1} when none is held). */
    long last() {
        return first + count - 1;
    }

    /** Starts an empty index whose next message has sequence {@code next}. */
    void resetTo(long next) {
        Arrays.fill(bodies, null);
        head = 0;
        count = 0;
        first = next;
        bytes = 0;
        cachedBytes = 0;
        oldestCached = next;
    }

    /** Adds the next message (its sequence must be {@code last() + 1}). */
    void add(MsgProto msg) {
        if (msg.getSequence() != last() + 1) {
            throw new IllegalStateException("sequence " + msg.getSequence() + " (expected: " + (last() + 1) + ")");
        }
        if (count == timestamps.length) {
            resize(timestamps.length * 2);
        }
        int slot = slot(count);
        timestamps[slot] = msg.getTimestamp();
        int size = msg.getSerializedSize();
        sizes[slot] = size;
        bodies[slot] = msg;
        count++;
        bytes += size;
        cachedBytes += size;
        evict();
    }

    /** Drops the oldest held message. */
    void removeOldest() {
        int slot = slot(0);
        bytes -= sizes[slot];
        if (bodies[slot] != null) {
            cachedBytes -= sizes[slot];
            bodies[slot] = null;
        }
        head = (head + 1) & (timestamps.length - 1);
        count--;
        first++;
        oldestCached = Math.max(oldestCached, first);
    }

    /** Drops every message after {@code sequence} (an append that could not be committed). */
    void truncateAfter(long sequence) {
        while (count > 0 && last() > sequence) {
            int slot = slot(count - 1);
            bytes -= sizes[slot];
            if (bodies[slot] != null) {
                cachedBytes -= sizes[slot];
                bodies[slot] = null;
            }
            count--;
        }
    }

    boolean holds(long sequence) {
        return sequence >= first && sequence <= last();
    }

    /** The cached message, or {@code null} when it is not held or not cached. */
    MsgProto cached(long sequence) {
        return holds(sequence) ? bodies[slot((int) (sequence - first))] : null;
    }

    long oldestTimestamp() {
        return timestamps[slot(0)];
    }

    /** The sequence of the first held message at or after {@code timestampNanos}, or {@code last() + 1}. */
    long sequenceAtOrAfter(long timestampNanos) {
        int low = 0;
        int high = count;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (timestamps[slot(mid)] < timestampNanos) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return first + low;
    }

    private void evict() {
        while (cachedBytes > cacheBudget && oldestCached < last()) {
            int slot = slot((int) (oldestCached - first));
            if (bodies[slot] != null) {
                cachedBytes -= sizes[slot];
                bodies[slot] = null;
            }
            oldestCached++;
        }
    }

    private int slot(int index) {
        return (head + index) & (timestamps.length - 1);
    }

    private void resize(int capacity) {
        long[] t = new long[capacity];
        int[] s = new int[capacity];
        MsgProto[] b = new MsgProto[capacity];
        for (int i = 0; i < count; i++) {
            int slot = slot(i);
            t[i] = timestamps[slot];
            s[i] = sizes[slot];
            b[i] = bodies[slot];
        }
        timestamps = t;
        sizes = s;
        bodies = b;
        head = 0;
    }
}
