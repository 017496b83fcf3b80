package io.natsjms.server.streaming;

import java.util.Arrays;

/**
 * A hash table from message sequence to two longs (for {@link PendingMessages}: a deadline and where
 * the deadline is ordered), held in primitive arrays: no boxing, no entry objects. Open addressing
 * with linear probing; a removal shifts the entries after it back, so there are no tombstones. It
 * grows at half full and shrinks when an eighth full. Not thread-safe.
 *
 * <p>Lookups return a slot (or -1); a slot is good until the next put or remove.
 */
final class SequenceTable {

    /** The key of an empty slot (no sequence is negative). */
    private static final long FREE = Long.MIN_VALUE;
    static final int MIN_CAPACITY = 16;

    private long[] keys;
    private long[] firsts;
    private long[] seconds;
    private int mask;
    private int size;

    SequenceTable() {
        allocate(MIN_CAPACITY);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        Arrays.fill(keys, FREE);
        firsts = new long[capacity];
        seconds = new long[capacity];
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    /** The slot holding {@code sequence}, or -1 (always for a negative one, which no slot holds). */
    int find(long sequence) {
        if (sequence < 0) {
            // FREE is negative: without this, Long.MIN_VALUE (a uint64 sequence of 2^63 from a client)
            // would "find" an empty slot, and removing it would miscount the table
            return -1;
        }
        for (int i = home(sequence); ; i = (i + 1) & mask) {
            long key = keys[i];
            if (key == sequence) {
                return i;
            }
            if (key == FREE) {
                return -1;
            }
        }
    }

    long first(int slot) {
        return firsts[slot];
    }

    long second(int slot) {
        return seconds[slot];
    }

    /** Sets the values of {@code sequence}, adding it if it is not in the table. */
    void put(long sequence, long first, long second) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence: " + sequence + " (expected: >= 0)");
        }
        int i = home(sequence);
        while (keys[i] != FREE && keys[i] != sequence) {
            i = (i + 1) & mask;
        }
        if (keys[i] == FREE) {
            if (2 * (size + 1) > keys.length) {
                resize(keys.length * 2);
                put(sequence, first, second);
                return;
            }
            keys[i] = sequence;
            size++;
        }
        firsts[i] = first;
        seconds[i] = second;
    }

    /** Sets the second value of the sequence in {@code slot}. */
    void setSecond(int slot, long second) {
        seconds[slot] = second;
    }

    /** Removes the sequence in {@code slot} (from {@link #find}). */
    void removeAt(int slot) {
        int hole = slot;
        for (int i = (slot + 1) & mask; keys[i] != FREE; i = (i + 1) & mask) {
            int home = home(keys[i]);
            // the entry at i may fill the hole unless its home lies cyclically in (hole, i]
            boolean staysPut = hole <= i ? hole < home && home <= i : hole < home || home <= i;
            if (!staysPut) {
                keys[hole] = keys[i];
                firsts[hole] = firsts[i];
                seconds[hole] = seconds[i];
                hole = i;
            }
        }
        keys[hole] = FREE;
        size--;
        if (keys.length > MIN_CAPACITY && 8 * size < keys.length) {
            resize(keys.length / 2);
        }
    }

    void clear() {
        if (keys.length > MIN_CAPACITY) {
            allocate(MIN_CAPACITY);
        } else {
            Arrays.fill(keys, FREE);
        }
        size = 0;
    }

    /** The sequences in the table, ascending. */
    long[] sortedKeys() {
        long[] sorted = new long[size];
        int n = 0;
        for (long key : keys) {
            if (key != FREE) {
                sorted[n++] = key;
            }
        }
        Arrays.sort(sorted);
        return sorted;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        long[] oldFirsts = firsts;
        long[] oldSeconds = seconds;
        allocate(capacity);
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != FREE) {
                int i = home(oldKeys[j]);
                while (keys[i] != FREE) {
                    i = (i + 1) & mask;
                }
                keys[i] = oldKeys[j];
                firsts[i] = oldFirsts[j];
                seconds[i] = oldSeconds[j];
            }
        }
    }

    /** Fibonacci hashing: consecutive sequences spread over the table. */
    private int home(long sequence) {
        return (int) ((sequence * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
