package io.natsjms.store.memory;

import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.StoreException;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** The subscriptions of one channel in memory. Every method holds this object's monitor. */
final class MemorySubscriptionStore implements SubscriptionStore {

    private final String channel;
    private final LimitEnforcer enforcer;
    private final OpenGuard guard;

    /** The subscriptions by ID; guarded by this. */
    private final Map<Long, Entry> subs = new TreeMap<>();
    /** The last ID assigned, so that IDs are never reused; guarded by this. */
    private long lastId;

    MemorySubscriptionStore(String channel, LimitEnforcer enforcer, OpenGuard guard) {
        this.channel = channel;
        this.enforcer = enforcer;
        this.guard = guard;
    }

    @Override
    public synchronized SubState create(SubState sub) {
        guard.check();
        enforcer.checkNewSubscription(subs.size());
        SubState stored = sub.toBuilder().setID(++lastId).build();
        subs.put(stored.getID(), new Entry(stored));
        return stored;
    }

    @Override
    public synchronized void update(SubState sub) {
        guard.check();
        find(sub.getID()).state = sub;
    }

    @Override
    public synchronized void delete(long subId) {
        guard.check();
        subs.remove(subId);
    }

    @Override
    public synchronized void addPending(long subId, long sequence) {
        guard.check();
        Entry entry = find(subId);
        entry.pending.add(sequence);
        if (sequence > entry.state.getLastSent()) {
            entry.state = entry.state.toBuilder().setLastSent(sequence).build();
        }
    }

    @Override
    public synchronized void ackPending(long subId, long sequence) {
        guard.check();
        Entry entry = find(subId);
        entry.pending.remove(sequence);
        entry.redeliveryCounts.remove(sequence);
    }

    @Override
    public synchronized void setRedeliveryCount(long subId, long sequence, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("redelivery count of sequence " + sequence + " of subscription " + subId
                    + " in channel \"" + channel + "\": " + count + " (expected: >= 0)");
        }
        guard.check();
        Entry entry = find(subId);
        if (!entry.pending.contains(sequence)) {
            return;
        }
        if (count == 0) {
            entry.redeliveryCounts.remove(sequence);
        } else {
            entry.redeliveryCounts.put(sequence, count);
        }
    }

    @Override
    public synchronized List<SubscriptionRecord> all() {
        List<SubscriptionRecord> result = new ArrayList<>(subs.size());
        for (Entry entry : subs.values()) {
            result.add(new SubscriptionRecord(entry.state, entry.pending, new TreeMap<>(entry.redeliveryCounts)));
        }
        return result;
    }

    private Entry find(long subId) {
        Entry entry = subs.get(subId);
        if (entry == null) {
            throw new StoreException(StoreException.Reason.NOT_FOUND,
                    "subscription " + subId + " not found in channel \"" + channel + "\"");
        }
        return entry;
    }

    /** One subscription: its state, pending sequences and their redelivery counts (guarded by the store's monitor). */
    private static final class Entry {
        SubState state;
        final TreeSet<Long> pending = new TreeSet<>();
        final Map<Long, Integer> redeliveryCounts = new HashMap<>();

        Entry(SubState state) {
            this.state = state;
        }
    }
}
