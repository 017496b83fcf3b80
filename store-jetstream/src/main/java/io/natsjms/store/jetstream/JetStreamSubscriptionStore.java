package io.natsjms.store.jetstream;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.StoreException;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.jetstream.pb.SubscriptionEntry;
import io.natsjms.store.spb.SubState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The subscriptions of one channel: held in memory, and written to the state bucket as one entry per
 * subscription (its state, pending sequences and redelivery counts) at the commit after a change.
 * Every method holds this object's monitor.
 */
final class JetStreamSubscriptionStore implements SubscriptionStore {

    private final JetStreamChannelStore channel;
    private final LimitEnforcer enforcer;
    private final StoreGuard guard;
    private final Changes changes;

    /** The subscriptions by ID; guarded by this. */
    private final Map<Long, Entry> subs = new TreeMap<>();
    /** The last ID given out, so that IDs are never reused; guarded by this. */
    private long lastId;

    JetStreamSubscriptionStore(JetStreamChannelStore channel, LimitEnforcer enforcer, StoreGuard guard, Changes changes) {
        this.channel = channel;
        this.enforcer = enforcer;
        this.guard = guard;
        this.changes = changes;
    }

    synchronized long lastId() {
        return lastId;
    }

    /** Brings back what the bucket holds (at recovery). */
    synchronized void restore(long recoveredLastId, List<SubscriptionEntry> entries) {
        lastId = recoveredLastId;
        for (SubscriptionEntry stored : entries) {
            try {
                Entry entry = new Entry(SubState.parseFrom(stored.getState()));
                entry.pending.addAll(stored.getPendingList());
                stored.getRedeliveryCountsMap().forEach((seq, count) -> {
                    if (entry.pending.contains(seq) && count > 0) {
                        entry.redeliveryCounts.put(seq, count);
                    }
                });
                subs.put(entry.state.getID(), entry);
                lastId = Math.max(lastId, entry.state.getID());
            } catch (InvalidProtocolBufferException e) {
                throw new StoreException(StoreException.Reason.CORRUPT, "a subscription of channel \""
                        + channel.name() + "\" in the state bucket does not decode: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public synchronized SubState create(SubState sub) {
        guard.checkWritable();
        enforcer.checkNewSubscription(subs.size());
        SubState stored = sub.toBuilder().setID(++lastId).build();
        subs.put(stored.getID(), new Entry(stored));
        changes.channelChanged(channel);
        changed(stored.getID());
        return stored;
    }

    @Override
    public synchronized void update(SubState sub) {
        guard.checkWritable();
        find(sub.getID()).state = sub;
        changed(sub.getID());
    }

    @Override
    public synchronized void delete(long subId) {
        guard.checkWritable();
        if (subs.remove(subId) != null) {
            changed(subId);
        }
    }

    @Override
    public synchronized void addPending(long subId, long sequence) {
        guard.checkWritable();
        Entry entry = find(subId);
        entry.pending.add(sequence);
        if (sequence > entry.state.getLastSent()) {
            entry.state = entry.state.toBuilder().setLastSent(sequence).build();
        }
        changed(subId);
    }

    @Override
    public synchronized void ackPending(long subId, long sequence) {
        guard.checkWritable();
        Entry entry = find(subId);
        if (entry.pending.remove(sequence)) {
            entry.redeliveryCounts.remove(sequence);
            changed(subId);
        }
    }

    @Override
    public synchronized void setRedeliveryCount(long subId, long sequence, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("redelivery count of sequence " + sequence + " of subscription " + subId
                    + " in channel \"" + channel.name() + "\": " + count + " (expected: >= 0)");
        }
        guard.checkWritable();
        Entry entry = find(subId);
        if (!entry.pending.contains(sequence)) {
            return;
        }
        if (count == 0) {
            entry.redeliveryCounts.remove(sequence);
        } else {
            entry.redeliveryCounts.put(sequence, count);
        }
        changed(subId);
    }

    @Override
    public synchronized List<SubscriptionRecord> all() {
        List<SubscriptionRecord> result = new ArrayList<>(subs.size());
        for (Entry entry : subs.values()) {
            result.add(new SubscriptionRecord(entry.state, entry.pending, new TreeMap<>(entry.redeliveryCounts)));
        }
        return result;
    }

    /** The bucket entry of subscription {@code subId} as it is now, or {@code null} once it is deleted. */
    synchronized byte[] entry(long subId) {
        Entry entry = subs.get(subId);
        if (entry == null) {
            return null;
        }
        return SubscriptionEntry.newBuilder()
                .setState(entry.state.toByteString())
                .addAllPending(entry.pending)
                .putAllRedeliveryCounts(entry.redeliveryCounts)
                .build().toByteArray();
    }

    /** The IDs of every subscription held. */
    synchronized List<Long> ids() {
        return new ArrayList<>(subs.keySet());
    }

    private void changed(long subId) {
        changes.subscriptionChanged(channel, subId);
    }

    private Entry find(long subId) {
        Entry entry = subs.get(subId);
        if (entry == null) {
            throw new StoreException(StoreException.Reason.NOT_FOUND,
                    "subscription " + subId + " not found in channel \"" + channel.name() + "\"");
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
