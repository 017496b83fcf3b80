package io.natsjms.store;

import io.natsjms.store.spb.SubState;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A subscription with the sequences sent to it and not yet acknowledged.
 *
 * @param state   the persistent state
 * @param pending pending sequences in ascending order (an unmodifiable copy)
 */
public record SubscriptionRecord(SubState state, SortedSet<Long> pending) {

    public SubscriptionRecord {
        Objects.requireNonNull(state, "state");
        pending = Collections.unmodifiableSortedSet(new TreeSet<>(pending));
    }
}
