package io.natsjms.store.mapdb;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.StoreException;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mapdb.BTreeMap;

/**
 * The subscriptions of one channel. They are small and bounded by the subscription limit, so they
 * live in memory; every change is journaled and the changed ones are written to MapDB at each
 * checkpoint. Redelivery counts are journaled like pending adds and acks and checkpointed with the
 * pending set they belong to.
 */
final class MapDbSubscriptionStore implements SubscriptionStore {

    private final StoreGuard lock;
    private final String channel;
    private final long channelNumber;
    private final LimitEnforcer limits;
    private final WriteAheadLog wal;
    private final BTreeMap<Long, byte[]> table;
    /** Guarded by lock. */
    private final TreeMap<Long, Sub> subs = new TreeMap<>();
    private final Set<Long> changed = new HashSet<>();
    private long nextId;

    /** A subscription's state, its pending sequences and their redelivery counts (only those above 0). */
    private static final class Sub {
        SubState state;
        final TreeSet<Long> pending = new TreeSet<>();
        final TreeMap<Long, Integer> redeliveryCounts = new TreeMap<>();

        Sub(SubState state) {
            this.state = state;
        }
    }

    MapDbSubscriptionStore(StoreGuard lock, String channel, long channelNumber, LimitEnforcer limits, WriteAheadLog wal,
                           BTreeMap<Long, byte[]> table, long nextId) {
        this.lock = lock;
        this.channel = channel;
        this.channelNumber = channelNumber;
        this.limits = limits;
        this.wal = wal;
        this.table = table;
        this.nextId = nextId;
        for (Map.Entry<Long, byte[]> e : table.entrySet()) {
            subs.put(e.getKey(), decode(e.getValue()));
        }
    }

    @Override
    public SubState create(SubState sub) {
        synchronized (lock) {
            lock.ensureOpen();
            limits.checkNewSubscription(subs.size());
            SubState stored = sub.toBuilder().setID(nextId).build();
            applyPut(stored);
            wal.record(new JournalRecord.SubPut(channelNumber, stored.getID(), stored.toByteArray()));
            return stored;
        }
    }

    @Override
    public void update(SubState sub) {
        synchronized (lock) {
            lock.ensureOpen();
            require(sub.getID());
            applyPut(sub);
            wal.record(new JournalRecord.SubPut(channelNumber, sub.getID(), sub.toByteArray()));
        }
    }

    @Override
    public void delete(long subId) {
        synchronized (lock) {
            lock.ensureOpen();
            if (subs.containsKey(subId)) {
                applyDelete(subId);
                wal.record(new JournalRecord.SubDeleted(channelNumber, subId));
            }
        }
    }

    @Override
    public void addPending(long subId, long sequence) {
        synchronized (lock) {
            lock.ensureOpen();
            require(subId);
            applyPending(subId, sequence);
            wal.record(new JournalRecord.PendingAdded(channelNumber, subId, sequence));
        }
    }

    @Override
    public void ackPending(long subId, long sequence) {
        synchronized (lock) {
            lock.ensureOpen();
            require(subId);
            if (applyAck(subId, sequence)) {
                wal.record(new JournalRecord.PendingAcked(channelNumber, subId, sequence));
            }
        }
    }

    @Override
    public void setRedeliveryCount(long subId, long sequence, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("redelivery count of sequence " + sequence + " of subscription " + subId
                    + " in channel \"" + channel + "\": " + count + " (expected: >= 0)");
        }
        synchronized (lock) {
            lock.ensureOpen();
            require(subId);
            if (applyRedeliveryCount(subId, sequence, count)) {
                wal.record(new JournalRecord.RedeliveryCounted(channelNumber, subId, sequence, count));
            }
        }
    }

    @Override
    public List<SubscriptionRecord> all() {
        synchronized (lock) {
            List<SubscriptionRecord> all = new ArrayList<>(subs.size());
            for (Sub sub : subs.values()) {
                all.add(new SubscriptionRecord(sub.state, sub.pending, sub.redeliveryCounts));
            }
            return all;
        }
    }

    private Sub require(long subId) {
        Sub sub = subs.get(subId);
        if (sub == null) {
            throw new StoreException(StoreException.Reason.NOT_FOUND, "subscription " + subId
                    + " does not exist in channel \"" + channel + "\"");
        }
        return sub;
    }

    void applyPut(SubState state) {
        Sub sub = subs.get(state.getID());
        if (sub == null) {
            subs.put(state.getID(), new Sub(state));
        } else {
            sub.state = state;
        }
        nextId = Math.max(nextId, state.getID() + 1);
        changed.add(state.getID());
    }

    void applyDelete(long subId) {
        subs.remove(subId);
        changed.add(subId);
    }

    void applyPending(long subId, long sequence) {
        Sub sub = subs.get(subId);
        if (sub == null) {
            return;
        }
        sub.pending.add(sequence);
        if (sequence > sub.state.getLastSent()) {
            sub.state = sub.state.toBuilder().setLastSent(sequence).build();
        }
        changed.add(subId);
    }

    boolean applyAck(long subId, long sequence) {
        Sub sub = subs.get(subId);
        if (sub != null && sub.pending.remove(sequence)) {
            sub.redeliveryCounts.remove(sequence);
            changed.add(subId);
            return true;
        }
        return false;
    }

    /** Sets (0: forgets) the count of a pending sequence; returns whether it changed anything. */
    boolean applyRedeliveryCount(long subId, long sequence, int count) {
        Sub sub = subs.get(subId);
        if (sub == null || !sub.pending.contains(sequence)) {
            return false;
        }
        Integer previous = count == 0 ? sub.redeliveryCounts.remove(sequence) : sub.redeliveryCounts.put(sequence, count);
        if ((previous == null ? 0 : previous) == count) {
            return false;
        }
        changed.add(subId);
        return true;
    }

    long nextId() {
        return nextId;
    }

    /** Writes the changed subscriptions to MapDB (part of a checkpoint). */
    void checkpoint() {
        for (Long id : changed) {
            Sub sub = subs.get(id);
            if (sub == null) {
                table.remove(id);
            } else {
                table.put(id, encode(sub));
            }
        }
        changed.clear();
    }

    void clearTable() {
        table.clear();
    }

    private static byte[] encode(Sub sub) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            byte[] state = sub.state.toByteArray();
            out.writeInt(state.length);
            out.write(state);
            out.writeInt(sub.pending.size());
            for (long seq : sub.pending) {
                out.writeLong(seq);
            }
            out.writeInt(sub.redeliveryCounts.size());
            for (Map.Entry<Long, Integer> count : sub.redeliveryCounts.entrySet()) {
                out.writeLong(count.getKey());
                out.writeInt(count.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private Sub decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            Sub sub = new Sub(SubState.parseFrom(in.readNBytes(in.readInt())));
            for (int n = in.readInt(); n > 0; n--) {
                sub.pending.add(in.readLong());
            }
            if (in.available() > 0) { // absent in checkpoints written before redelivery counts were kept
                for (int n = in.readInt(); n > 0; n--) {
                    sub.redeliveryCounts.put(in.readLong(), in.readInt());
                }
            }
            return sub;
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "a subscription of channel \"" + channel
                    + "\" in the state file is not a valid SubState", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
