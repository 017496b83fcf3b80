package io.natsjms.store.snapshot;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.MessageLog;
import io.natsjms.store.MessageStamps;
import io.natsjms.store.MessageStore;
import io.natsjms.store.MessageStoreStats;
import io.natsjms.store.StoreException;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One channel of the {@link SnapshotStore}. Every method holds the store's monitor, so a snapshot
 * sees a consistent state.
 */
final class SnapshotChannel implements ChannelStore {

    private final SnapshotStore store;
    private final String name;
    private final LimitEnforcer enforcer;
    private final Messages messages = new Messages();
    private final Subscriptions subscriptions = new Subscriptions();

    // all guarded by the store's monitor
    final NavigableMap<Long, MsgProto> held = new TreeMap<>();
    long last;
    long lastTimestamp;
    long bytes;
    final NavigableMap<Long, SubState> subs = new TreeMap<>();
    final Map<Long, TreeSet<Long>> pending = new TreeMap<>();
    /** Redelivery counts by subscription ID, then sequence. */
    final Map<Long, TreeMap<Long, Integer>> counts = new TreeMap<>();
    long lastSubId;

    SnapshotChannel(SnapshotStore store, String name, ChannelLimits limits) {
        this.store = store;
        this.name = name;
        this.enforcer = new LimitEnforcer(name, limits);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelLimits limits() {
        return enforcer.limits();
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** Puts back a recovered message as it was stored. */
    void restore(MsgProto msg) {
        held.put(msg.getSequence(), msg);
        bytes += msg.getSerializedSize();
    }

    /** Applies the limits after recovery. */
    void applyLimits(long nowNanos) {
        enforcer.applySizeLimits(messages);
        enforcer.applyMaxAge(messages, nowNanos);
    }

    private final class Messages implements MessageStore, MessageLog {

        @Override
        public MsgProto append(MsgProto msg) {
            synchronized (store) {
                store.checkOpen();
                MsgProto stored = MessageStamps.stamp(msg, last + 1, lastTimestamp, MessageStamps.nowNanos());
                restore(stored);
                last = stored.getSequence();
                lastTimestamp = stored.getTimestamp();
                enforcer.applySizeLimits(this);
                return stored;
            }
        }

        @Override
        public MsgProto lookup(long sequence) {
            synchronized (store) {
                return held.get(sequence);
            }
        }

        @Override
        public long firstSequence() {
            synchronized (store) {
                if (!held.isEmpty()) {
                    return held.firstKey();
                }
                return last == 0 ? 0 : last + 1;
            }
        }

        @Override
        public long lastSequence() {
            synchronized (store) {
                return last;
            }
        }

        @Override
        public long sequenceAtOrAfter(long timestampNanos) {
            synchronized (store) {
                for (MsgProto msg : held.values()) {
                    if (msg.getTimestamp() >= timestampNanos) {
                        return msg.getSequence();
                    }
                }
                return last + 1;
            }
        }

        @Override
        public MessageStoreStats stats() {
            synchronized (store) {
                return new MessageStoreStats(firstSequence(), last, held.size(), bytes);
            }
        }

        @Override
        public int expire(long nowNanos) {
            synchronized (store) {
                store.checkOpen();
                return enforcer.applyMaxAge(this, nowNanos);
            }
        }

        @Override
        public long count() {
            return held.size();
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public long oldestSequence() {
            return held.firstKey();
        }

        @Override
        public long oldestTimestamp() {
            return held.firstEntry().getValue().getTimestamp();
        }

        @Override
        public void removeOldest() {
            bytes -= held.pollFirstEntry().getValue().getSerializedSize();
        }
    }

    private final class Subscriptions implements SubscriptionStore {

        @Override
        public SubState create(SubState sub) {
            synchronized (store) {
                store.checkOpen();
                enforcer.checkNewSubscription(subs.size());
                SubState stored = sub.toBuilder().setID(++lastSubId).build();
                subs.put(stored.getID(), stored);
                pending.put(stored.getID(), new TreeSet<>());
                counts.put(stored.getID(), new TreeMap<>());
                return stored;
            }
        }

        @Override
        public void update(SubState sub) {
            synchronized (store) {
                store.checkOpen();
                require(sub.getID());
                subs.put(sub.getID(), sub);
            }
        }

        @Override
        public void delete(long subId) {
            synchronized (store) {
                store.checkOpen();
                subs.remove(subId);
                pending.remove(subId);
                counts.remove(subId);
            }
        }

        @Override
        public void addPending(long subId, long sequence) {
            synchronized (store) {
                store.checkOpen();
                SubState state = require(subId);
                pending.get(subId).add(sequence);
                if (sequence > state.getLastSent()) {
                    subs.put(subId, state.toBuilder().setLastSent(sequence).build());
                }
            }
        }

        @Override
        public void ackPending(long subId, long sequence) {
            synchronized (store) {
                store.checkOpen();
                require(subId);
                pending.get(subId).remove(sequence);
                counts.get(subId).remove(sequence);
            }
        }

        @Override
        public void setRedeliveryCount(long subId, long sequence, int count) {
            if (count < 0) {
                throw new IllegalArgumentException("redelivery count: " + count + " (expected: >= 0)");
            }
            synchronized (store) {
                store.checkOpen();
                require(subId);
                if (!pending.get(subId).contains(sequence)) {
                    return;
                }
                if (count == 0) {
                    counts.get(subId).remove(sequence);
                } else {
                    counts.get(subId).put(sequence, count);
                }
            }
        }

        @Override
        public List<SubscriptionRecord> all() {
            synchronized (store) {
                List<SubscriptionRecord> result = new ArrayList<>();
                subs.forEach((id, state) -> result.add(new SubscriptionRecord(state, pending.get(id), counts.get(id))));
                return result;
            }
        }

        private SubState require(long subId) {
            SubState state = subs.get(subId);
            if (state == null) {
                throw new StoreException(StoreException.Reason.NOT_FOUND,
                        "subscription " + subId + " not found in channel \"" + name + "\"");
            }
            return state;
        }
    }
}
