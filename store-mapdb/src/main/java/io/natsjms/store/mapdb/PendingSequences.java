package io.natsjms.store.mapdb;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * The pending sequences of one subscription, as a sorted array of primitive longs: no boxing, no
 * tree nodes. It suits how deliveries and acks come: sequences are added mostly in increasing order
 * (an append at the tail) and acknowledged mostly near the oldest (the head moves on).
 *
 * <p>The live entries lie in the slots {@code [head, tail)}, ascending. An entry removed from the
 * middle stays in its slot, marked gone in a bitmap, so that the order (and the binary search) holds
 * without moving anything; the gone slots are squeezed out when they outnumber the live ones, when
 * the array is full, or before a sequence is inserted below the tail (rare: a pending entry moved to
 * another member of a queue group). The array shrinks again when the slots in use fill less than an
 * eighth of it. So an add or an ack costs O(log n) at worst (amortized) and O(1) at the ends.
 * Not thread-safe.
 */
final class PendingSequences {

    static final int MIN_CAPACITY = 16;

    private long[] slots = new long[MIN_CAPACITY];
    /** Bit {@code i} set: slot {@code i} was removed. Clear outside {@code [head, tail)}. */
    private long[] gone = new long[words(MIN_CAPACITY)];
    /** The first slot in use; live unless the set is empty ({@code head == tail}). */
    private int head;
    /** One past the last slot in use; the slot before it is live unless the set is empty. */
    private int tail;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Slots the array holds now (to check that it shrinks again). */
    int capacity() {
        return slots.length;
    }

    boolean contains(long sequence) {
        int slot = find(sequence);
        return slot >= 0 && !isGone(slot);
    }

    /** Adds {@code sequence}; returns whether it was not pending before. */
    boolean add(long sequence) {
        if (size == 0 || sequence > slots[tail - 1]) {
            append(sequence);
            return true;
        }
        int slot = Arrays.binarySearch(slots, head, tail, sequence);
        if (slot >= 0) {
            if (!isGone(slot)) {
                return false;
            }
            gone[slot >>> 6] &= ~(1L << slot);
            size++;
            return true;
        }
        insert(sequence);
        return true;
    }

    /** Removes {@code sequence}; returns whether it was pending. */
    boolean remove(long sequence) {
        int slot = find(sequence);
        if (slot < 0 || isGone(slot)) {
            return false;
        }
        size--;
        if (size == 0) {
            head = 0;
            tail = 0;
            if (slots.length > MIN_CAPACITY) {
                slots = new long[MIN_CAPACITY];
                gone = new long[words(MIN_CAPACITY)];
            }
            return true;
        }
        if (slot == head) {
            head++;
            while (isGone(head)) {
                gone[head >>> 6] &= ~(1L << head);
                head++;
            }
        } else if (slot == tail - 1) {
            tail--;
            while (isGone(tail - 1)) {
                tail--;
                gone[tail >>> 6] &= ~(1L << tail);
            }
        } else {
            gone[slot >>> 6] |= 1L << slot;
        }
        int span = tail - head;
        if ((span - size > size && span - size >= 64) || (slots.length > MIN_CAPACITY && span * 8 < slots.length)) {
            compactInto(capacityFor(size)); // mostly gone slots, or mostly free ones
        }
        return true;
    }

    /** Hands every pending sequence to {@code action}, ascending. */
    void forEach(LongConsumer action) {
        for (int i = head; i < tail; i++) {
            if (!isGone(i)) {
                action.accept(slots[i]);
            }
        }
    }

    /** The pending sequences, ascending. */
    long[] toArray() {
        long[] all = new long[size];
        int n = 0;
        for (int i = head; i < tail; i++) {
            if (!isGone(i)) {
                all[n++] = slots[i];
            }
        }
        return all;
    }

    /** The slot holding {@code sequence} (maybe a gone one), or -1. */
    private int find(long sequence) {
        if (size == 0 || sequence < slots[head] || sequence > slots[tail - 1]) {
            return -1;
        }
        if (slots[head] == sequence) {
            return head;
        }
        int slot = Arrays.binarySearch(slots, head, tail, sequence);
        return slot >= 0 ? slot : -1;
    }

    private boolean isGone(int slot) {
        return (gone[slot >>> 6] & (1L << slot)) != 0;
    }

    private void append(long sequence) {
        if (size == 0) {
            head = 0;
            tail = 0;
        } else if (tail == slots.length) {
            compactInto(size <= slots.length / 2 ? capacityFor(size) : slots.length * 2);
        }
        slots[tail++] = sequence;
        size++;
    }

    /** Inserts a sequence that lies below the tail and is not in the array. */
    private void insert(long sequence) {
        compactInto(size == slots.length ? slots.length * 2 : slots.length);
        int at = -(Arrays.binarySearch(slots, 0, tail, sequence) + 1);
        System.arraycopy(slots, at, slots, at + 1, tail - at);
        slots[at] = sequence;
        tail++;
        size++;
    }

    /** Moves the live entries to the start of an array of {@code capacity} slots; nothing is gone after. */
    private void compactInto(int capacity) {
        long[] target = capacity == slots.length ? slots : new long[capacity];
        int n = 0;
        for (int i = head; i < tail; i++) {
            if (!isGone(i)) {
                target[n++] = slots[i];
            }
        }
        slots = target;
        if (gone.length == words(capacity)) {
            Arrays.fill(gone, 0L);
        } else {
            gone = new long[words(capacity)];
        }
        head = 0;
        tail = n;
    }

    /** The capacity for {@code live} entries after a compaction: room to grow, and no more than needed. */
    private int capacityFor(int live) {
        int wanted = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, live)) << 2);
        return Math.min(wanted, slots.length);
    }

    private static int words(int capacity) {
        return (capacity + 63) >>> 6;
    }
}
