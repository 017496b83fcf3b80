package io.natsjms.server.streaming;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The messages sent to one subscription and not acknowledged yet, each with its redelivery deadline
 * (monotonic nanoseconds). Acks and lookups go by sequence; redelivery goes by deadline, ties broken
 * by sequence, and finds the earliest deadline and the messages due without scanning every pending
 * message.
 *
 * <p>Deadlines are nearly always made in ascending order (now + ack wait, message after message), so
 * they are kept in a queue in the order they were made, and an entry is only dropped from it lazily:
 * a sequence's table entry names its queue position, and a queue entry no table entry names is stale.
 * A deadline that would break the queue's order (a shorter ack wait, a message held without deadline,
 * ties in the wrong order) goes into a sorted set instead, and the two orders are merged when read.
 * Every operation the engine does per message is O(1) (amortized); the queue is compacted once most
 * of its entries are stale.
 *
 * <p>The method names follow {@link Map} for the operations the engine uses. Owned by the engine loop.
 */
final class PendingMessages {

    /** A deadline entry out of the queue's order; ordered by deadline, then sequence. */
    private record Due(long deadline, long sequence) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    /** The deadline of a message that is not to be redelivered for now (one a prepared transaction holds). */
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** The position of a deadline kept in {@link #outOfOrder} rather than in the queue. */
    private static final long SORTED = -1;
    private static final int MIN_QUEUE = 16;

    /** Sequence → deadline and position (a queue index, or {@link #SORTED}). */
    private final SequenceTable bySequence = new SequenceTable();
    /** The queue: deadlines and sequences at {@code index & queueMask}, ascending from head to tail. */
    private long[] queueDeadlines = new long[MIN_QUEUE];
    private long[] queueSequences = new long[MIN_QUEUE];
    private int queueMask = MIN_QUEUE - 1;
    /** Queue indexes only grow, so that a stale position never names a live entry again. */
    private long head;
    private long tail;
    /** Queue entries that a table entry names. */
    private int live;
    private final TreeSet<Due> outOfOrder = new TreeSet<>();

    int size() {
        return bySequence.size();
    }

    boolean isEmpty() {
        return bySequence.size() == 0;
    }

    boolean containsKey(long sequence) {
        return bySequence.find(sequence) >= 0;
    }

    /** The deadline of a pending sequence, or {@code null} when it is not pending. */
    Long get(long sequence) {
        int slot = bySequence.find(sequence);
        return slot < 0 ? null : bySequence.first(slot);
    }

    /** Makes the sequence pending until {@code deadline}, replacing its previous deadline if any. */
    void put(long sequence, long deadline) {
        requireSequence(sequence);
        int slot = bySequence.find(sequence);
        if (slot >= 0) {
            long previous = bySequence.first(slot);
            if (previous == deadline) {
                return;
            }
            long position = bySequence.second(slot);
            bySequence.removeAt(slot);
            detach(sequence, previous, position);
        }
        bySequence.put(sequence, deadline, attach(sequence, deadline));
    }

    /** Makes the sequence pending unless it already is; returns its existing deadline, or {@code null}. */
    Long putIfAbsent(long sequence, long deadline) {
        requireSequence(sequence);
        int slot = bySequence.find(sequence);
        if (slot >= 0) {
            return bySequence.first(slot);
        }
        bySequence.put(sequence, deadline, attach(sequence, deadline));
        return null;
    }

    /** Removes the sequence; returns its deadline, or {@code null} when it was not pending. */
    Long remove(long sequence) {
        int slot = bySequence.find(sequence);
        if (slot < 0) {
            return null;
        }
        long deadline = bySequence.first(slot);
        long position = bySequence.second(slot);
        bySequence.removeAt(slot);
        detach(sequence, deadline, position);
        return deadline;
    }

    void clear() {
        bySequence.clear();
        outOfOrder.clear();
        head = tail;
        live = 0;
        if (queueDeadlines.length > MIN_QUEUE) {
            allocateQueue(MIN_QUEUE);
        }
    }

    /** The pending sequences in ascending order (a copy). */
    Set<Long> keySet() {
        SortedSet<Long> keys = new TreeSet<>();
        for (long sequence : bySequence.sortedKeys()) {
            keys.add(sequence);
        }
        return Collections.unmodifiableSortedSet(keys);
    }

    /** Sequence and deadline of every pending message, by ascending sequence (a copy). */
    Set<Map.Entry<Long, Long>> entrySet() {
        TreeMap<Long, Long> entries = new TreeMap<>();
        for (long sequence : bySequence.sortedKeys()) {
            entries.put(sequence, bySequence.first(bySequence.find(sequence)));
        }
        return Collections.unmodifiableMap(entries).entrySet();
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when nothing is pending. */
    long earliestDeadline() {
        skipStaleHead();
        long queued = head < tail ? queueDeadlines[slot(head)] : Long.MAX_VALUE;
        long sorted = outOfOrder.isEmpty() ? Long.MAX_VALUE : outOfOrder.first().deadline();
        return Math.min(queued, sorted);
    }

    /**
     * The sequences due by {@code time} (deadline at or before it), earliest deadline first and by
     * sequence on ties; the work is proportional to how many are due, not to how many are pending.
     */
    List<Long> dueBy(long time) {
        return dueBy(time, Integer.MAX_VALUE);
    }

    /** As {@link #dueBy(long)}, but at most the first {@code max} of them. */
    List<Long> dueBy(long time, int max) {
        List<Long> due = new ArrayList<>();
        Iterator<Due> sorted = outOfOrder.iterator();
        Due nextSorted = sorted.hasNext() ? sorted.next() : null;
        long index = head;
        while (due.size() < max) {
            while (index < tail && !isLive(index)) {
                index++;
            }
            boolean fromQueue;
            if (index == tail) {
                if (nextSorted == null) {
                    break;
                }
                fromQueue = false;
            } else {
                fromQueue = nextSorted == null || before(queueDeadlines[slot(index)], queueSequences[slot(index)],
                        nextSorted.deadline(), nextSorted.sequence());
            }
            long deadline = fromQueue ? queueDeadlines[slot(index)] : nextSorted.deadline();
            if (deadline > time) {
                break;
            }
            if (fromQueue) {
                due.add(queueSequences[slot(index)]);
                index++;
            } else {
                due.add(nextSorted.sequence());
                nextSorted = sorted.hasNext() ? sorted.next() : null;
            }
        }
        return due;
    }

    /** Where a new deadline goes: at the queue's tail if it keeps the queue in order, else sorted. */
    private long attach(long sequence, long deadline) {
        boolean inOrder = deadline != NO_DEADLINE && (head == tail
                || before(queueDeadlines[slot(tail - 1)], queueSequences[slot(tail - 1)], deadline, sequence));
        if (!inOrder) {
            outOfOrder.add(new Due(deadline, sequence));
            return SORTED;
        }
        if (tail - head == queueDeadlines.length) {
            compact();
        }
        long index = tail++;
        queueDeadlines[slot(index)] = deadline;
        queueSequences[slot(index)] = sequence;
        live++;
        return index;
    }

    /** Forgets where the sequence's old deadline is ordered. */
    private void detach(long sequence, long deadline, long position) {
        if (position == SORTED) {
            outOfOrder.remove(new Due(deadline, sequence));
            return;
        }
        live--;
        if (live == 0) {
            head = tail; // every entry is stale: the queue starts afresh, in any order
        } else if (tail - head > 4L * live + MIN_QUEUE) {
            compact();
        }
    }

    /** Whether the queue entry at {@code index} is the one its sequence's table entry names. */
    private boolean isLive(long index) {
        int at = bySequence.find(queueSequences[slot(index)]);
        return at >= 0 && bySequence.second(at) == index;
    }

    private void skipStaleHead() {
        while (head < tail && !isLive(head)) {
            head++;
        }
        if (head == tail) {
            live = 0;
        }
    }

    /**
     * Copies the live queue entries, in order, to new indexes after the tail (so that no old index is
     * reused) in a queue twice their number (at least {@link #MIN_QUEUE}), and points the table at them.
     */
    private void compact() {
        long[] deadlines = queueDeadlines;
        long[] sequences = queueSequences;
        int oldMask = queueMask;
        long from = head;
        long to = tail;
        allocateQueue(Math.max(MIN_QUEUE, Integer.highestOneBit(Math.max(1, live)) * 4));
        head = to;
        tail = to;
        for (long index = from; index < to; index++) {
            long sequence = sequences[(int) index & oldMask];
            int at = bySequence.find(sequence);
            if (at >= 0 && bySequence.second(at) == index) {
                long moved = tail++;
                queueDeadlines[slot(moved)] = deadlines[(int) index & oldMask];
                queueSequences[slot(moved)] = sequence;
                bySequence.setSecond(at, moved);
            }
        }
    }

    private void allocateQueue(int capacity) {
        queueDeadlines = new long[capacity];
        queueSequences = new long[capacity];
        queueMask = capacity - 1;
    }

    /** Refuses a negative sequence before anything changes (the table would refuse it half-way). */
    private static void requireSequence(long sequence) {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence: " + sequence + " (expected: >= 0)");
        }
    }

    private int slot(long index) {
        return (int) index & queueMask;
    }

    /** Whether (deadline a, sequence a) orders strictly before (deadline b, sequence b). */
    private static boolean before(long deadlineA, long sequenceA, long deadlineB, long sequenceB) {
        return deadlineA < deadlineB || deadlineA == deadlineB && sequenceA < sequenceB;
    }
}
