package io.natsjms.server.streaming;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The messages sent to one subscription and not acknowledged yet, each with its redelivery deadline
 * (monotonic nanoseconds). Kept in two orders: by sequence, for acks and for redelivering in sequence
 * order, and by deadline, so that the earliest deadline and the messages due are found in O(log n)
 * rather than by scanning every pending message. Ties on a deadline are broken by sequence.
 *
 * <p>The method names follow {@link Map} for the operations the engine uses. Owned by the engine loop.
 */
final class PendingMessages {

    /** A deadline entry; ordered by deadline, then sequence. */
    private record Due(long deadline, long sequence) implements Comparable<Due> {
        @Override
        public int compareTo(Due other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    /** The deadline of a message that is not to be redelivered for now (one a prepared transaction holds). */
    static final long NO_DEADLINE = Long.MAX_VALUE;

    private final TreeMap<Long, Long> bySequence = new TreeMap<>();
    private final TreeSet<Due> byDeadline = new TreeSet<>();

    int size() {
        return bySequence.size();
    }

    boolean isEmpty() {
        return bySequence.isEmpty();
    }

    boolean containsKey(long sequence) {
        return bySequence.containsKey(sequence);
    }

    /** The deadline of a pending sequence, or {@code null} when it is not pending. */
    Long get(long sequence) {
        return bySequence.get(sequence);
    }

    /** Makes the sequence pending until {@code deadline}, replacing its previous deadline if any. */
    void put(long sequence, long deadline) {
        Long previous = bySequence.put(sequence, deadline);
        if (previous != null) {
            byDeadline.remove(new Due(previous, sequence));
        }
        byDeadline.add(new Due(deadline, sequence));
    }

    /** Makes the sequence pending unless it already is; returns its existing deadline, or {@code null}. */
    Long putIfAbsent(long sequence, long deadline) {
        Long existing = bySequence.putIfAbsent(sequence, deadline);
        if (existing == null) {
            byDeadline.add(new Due(deadline, sequence));
        }
        return existing;
    }

    /** Removes the sequence; returns its deadline, or {@code null} when it was not pending. */
    Long remove(long sequence) {
        Long deadline = bySequence.remove(sequence);
        if (deadline != null) {
            byDeadline.remove(new Due(deadline, sequence));
        }
        return deadline;
    }

    void clear() {
        bySequence.clear();
        byDeadline.clear();
    }

    /** The pending sequences in ascending order (a read-only view). */
    Set<Long> keySet() {
        return Collections.unmodifiableSet(bySequence.keySet());
    }

    /** Sequence and deadline of every pending message, by ascending sequence (a read-only view). */
    Set<Map.Entry<Long, Long>> entrySet() {
        return Collections.unmodifiableMap(bySequence).entrySet();
    }

    /** The earliest deadline, or {@link Long#MAX_VALUE} when nothing is pending. */
    long earliestDeadline() {
        return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.first().deadline();
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
        Iterator<Due> it = byDeadline.iterator();
        while (it.hasNext() && due.size() < max) {
            Due next = it.next();
            if (next.deadline() > time) {
                break;
            }
            due.add(next.sequence());
        }
        return due;
    }
}
