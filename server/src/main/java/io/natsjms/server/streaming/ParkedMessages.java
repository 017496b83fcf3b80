package io.natsjms.server.streaming;

import io.natsjms.store.SubscriptionStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;

/**
 * The messages of a queue group that wait for a member to take them: their turn came (or the member
 * holding them left) while no member whose selector selects them could take one. They are below the
 * group's cursor and pending on no member. For each the members that would take it are known, and
 * each member knows its share ({@link Subscription#parkedTakes}), so that a member that joins or has
 * room again gets its parked messages without evaluating every selector again.
 *
 * <p>Persisted as the pending entries of the group's <em>parking record</em>, a subscription record
 * that is no member ({@code SubState.isParking}); created with the group's first selective member, it
 * holds the group's position too, and goes when the group goes. Owned by the engine loop.
 */
final class ParkedMessages {

    /** Parked sequences, ascending, with the members whose selector selects each. */
    private final TreeMap<Long, Set<Subscription>> takers = new TreeMap<>();
    /** The store ID of the parking record, or 0 while the group has none. */
    long recordId;

    boolean isEmpty() {
        return takers.isEmpty();
    }

    int size() {
        return takers.size();
    }

    /** The parked sequences, ascending (a view). */
    NavigableSet<Long> sequences() {
        return Collections.unmodifiableNavigableSet(takers.navigableKeySet());
    }

    boolean contains(long sequence) {
        return takers.containsKey(sequence);
    }

    /** Parks {@code sequence}, taken later by {@code members} (those of them that select it), and stores it. */
    void park(long sequence, List<Subscription> selecting, SubscriptionStore store) {
        Set<Subscription> set = newSet();
        for (Subscription member : selecting) {
            set.add(member);
            member.parkedTakes.add(sequence);
        }
        takers.put(sequence, set);
        if (recordId != 0) {
            store.addPending(recordId, sequence);
        }
    }

    /** A sequence the store recovered as parked; its takers are learned when the members come back. */
    void restore(long sequence) {
        takers.put(sequence, newSet());
    }

    /** Takes {@code sequence} out (it goes to a member, or its message is gone) and records that in the store. */
    void unpark(long sequence, SubscriptionStore store) {
        Set<Subscription> set = takers.remove(sequence);
        if (set == null) {
            return;
        }
        for (Subscription member : set) {
            member.parkedTakes.remove(sequence);
        }
        if (recordId != 0) {
            store.ackPending(recordId, sequence);
        }
    }

    /** Records that {@code member} takes each parked sequence in {@code selected}. */
    void learn(Subscription member, List<Long> selected) {
        for (long sequence : selected) {
            Set<Subscription> set = takers.get(sequence);
            if (set != null) {
                set.add(member);
                member.parkedTakes.add(sequence);
            }
        }
    }

    /** {@code member} left the group: it takes nothing any more. */
    void forget(Subscription member) {
        for (long sequence : new ArrayList<>(member.parkedTakes)) {
            Set<Subscription> set = takers.get(sequence);
            if (set != null) {
                set.remove(member);
            }
        }
        member.parkedTakes.clear();
    }

    /** The group is gone: so is its parking record. */
    void deleteRecord(SubscriptionStore store) {
        if (recordId != 0) {
            store.delete(recordId);
            recordId = 0;
        }
        takers.clear();
    }

    private static Set<Subscription> newSet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }
}
