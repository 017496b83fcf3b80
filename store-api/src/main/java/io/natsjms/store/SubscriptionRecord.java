package io.natsjms.store;

import io.natsjms.store.spb.SubState;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A subscription with the sequences sent to it and not yet acknowledged, and how many times each of
 * them was redelivered (see {@link SubscriptionStore#setRedeliveryCount}).
 *
 * @param state            the persistent state
 * @param pending          pending sequences in ascending order (an unmodifiable copy)
 * @param redeliveryCounts the redelivery count of each pending sequence that was redelivered, by
 *                         ascending sequence (an unmodifiable copy); sequences never redelivered are
 *                         absent. For a queue group member these are the counts recorded on this
 *                         member; the group's count of a sequence is the highest over its members.
 */
public record SubscriptionRecord(SubState state, SortedSet<Long> pending, SortedMap<Long, Integer> redeliveryCounts) {

    /**
     * @throws IllegalArgumentException if a count is below 1 or belongs to a sequence that is not pending
     */
    public SubscriptionRecord {
        Objects.requireNonNull(state, "state");
        pending = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
        redeliveryCounts = Collections.unmodifiableSortedMap(new TreeMap<>(redeliveryCounts));
        for (Map.Entry<Long, Integer> count : redeliveryCounts.entrySet()) {
            if (count.getValue() < 1) {
                throw new IllegalArgumentException("redelivery count of sequence " + count.getKey() + " of subscription "
                        + state.getID() + ": " + count.getValue() + " (expected: >= 1)");
            }
            if (!pending.contains(count.getKey())) {
                throw new IllegalArgumentException("redelivery count of sequence " + count.getKey()
                        + " of subscription " + state.getID() + ": the sequence is not pending (expected one of "
                        + pending + ")");
            }
        }
    }

    /** A record whose pending sequences were never redelivered. */
    public SubscriptionRecord(SubState state, SortedSet<Long> pending) {
        this(state, pending, Collections.emptySortedMap());
    }

    /** How many times the pending {@code sequence} was redelivered: 0 if never (or if it is not pending). */
    public int redeliveryCount(long sequence) {
        return redeliveryCounts.getOrDefault(sequence, 0);
    }
}
