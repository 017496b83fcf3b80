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
    private final ChannelSlice<byte[]> table;
    private final SetAside aside;
    private final String where;
    /** Guarded by lock. */
    private final TreeMap<Long, Sub> subs = new TreeMap<>();
    private final Set<Long> changed = new HashSet<>();
    private long nextId;

    /**
     * A subscription's state, its pending sequences and their redelivery counts (only those above 0).
     * The highest sequence added pending is kept apart from the state and folded into it only when
     * the state is read, so that a delivery does not rebuild the state.
     */
    private static final class Sub {
        private SubState state;
        /** The state's last sent sequence, or a higher one added pending since. */
        private long lastSent;
        final PendingSequences pending = new PendingSequences();
        final TreeMap<Long, Integer> redeliveryCounts = new TreeMap<>();
        /** Whether its ID is in {@code changed} already (saves the set lookup per delivery and ack). */
        boolean marked;
        /** Where its pending adds and acks of the commit being assembled go, while the journal keeps it open. */
        PendingChanges journaled;

        Sub(SubState state) {
            state(state);
        }

        SubState state() {
            if (lastSent != state.getLastSent()) {
                state = state.toBuilder().setLastSent(lastSent).build();
            }
            return state;
        }

        void state(SubState replacement) {
            state = replacement;
            lastSent = replacement.getLastSent();
        }

        void sent(long sequence) {
            lastSent = Math.max(lastSent, sequence);
        }
    }

    MapDbSubscriptionStore(StoreGuard lock, String channel, long channelNumber, LimitEnforcer limits, WriteAheadLog wal,
                           ChannelSlice<byte[]> table, long nextId, SetAside aside, String where) {
        this.lock = lock;
        this.channel = channel;
        this.channelNumber = channelNumber;
        this.limits = limits;
        this.wal = wal;
        this.table = table;
        this.nextId = nextId;
        this.aside = aside;
        this.where = where;
        for (Map.Entry<Long, byte[]> e : table.entrySet()) {
            try {
                Sub sub = decode(e.getValue());
                if (sub.state().getID() != e.getKey()) {
                    throw new IllegalArgumentException("it holds subscription ID " + sub.state().getID());
                }
                subs.put(e.getKey(), sub);
                this.nextId = Math.max(this.nextId, e.getKey() + 1);
            } catch (IllegalArgumentException damaged) {
                aside.add(where + ", subscription " + e.getKey(), damaged.getMessage(), e.getValue());
                changed.add(e.getKey()); // removed from the table at the next checkpoint
            }
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
            Sub sub = require(subId);
            applyPending(subId, sub, sequence);
            sub.journaled = wal.pendingChange(sub.journaled, channelNumber, subId, false, sequence);
        }
    }

    @Override
    public void ackPending(long subId, long sequence) {
        synchronized (lock) {
            lock.ensureOpen();
            Sub sub = require(subId);
            if (applyAck(subId, sub, sequence)) {
                sub.journaled = wal.pendingChange(sub.journaled, channelNumber, subId, true, sequence);
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

    /** Kept in the state file's {@code setAside} map (at the next checkpoint) and journaled until then. */
    @Override
    public void setAside(long subId, String reason) {
        synchronized (lock) {
            lock.ensureOpen();
            byte[] record = encode(require(subId));
            applySetAside(subId, reason, record);
            wal.record(new JournalRecord.SubSetAside(channelNumber, subId, reason, record));
        }
    }

    /** Sets a subscription aside (also when replayed). */
    void applySetAside(long subId, String reason, byte[] record) {
        aside.add(where + ", subscription " + subId, reason, record);
        applyDelete(subId);
    }

    @Override
    public List<SubscriptionRecord> all() {
        synchronized (lock) {
            List<SubscriptionRecord> all = new ArrayList<>(subs.size());
            for (Sub sub : subs.values()) {
                TreeSet<Long> pending = new TreeSet<>();
                sub.pending.forEach(pending::add);
                all.add(new SubscriptionRecord(sub.state(), pending, sub.redeliveryCounts));
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
            sub.state(state);
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
        if (sub != null) {
            applyPending(subId, sub, sequence);
        }
    }

    private void applyPending(long subId, Sub sub, long sequence) {
        sub.pending.add(sequence);
        sub.sent(sequence);
        changed(subId, sub);
    }

    /** Replays a batch of pending adds and acks, in order. */
    void applyChanges(long subId, PendingChanges changes) {
        Sub sub = subs.get(subId);
        if (sub == null) {
            return;
        }
        for (int run = 0; run < changes.runCount(); run++) {
            long first = changes.first(run);
            for (long n = 0; n < changes.count(run); n++) {
                if (changes.acked(run)) {
                    applyAck(subId, sub, first + n);
                } else {
                    applyPending(subId, sub, first + n);
                }
            }
        }
    }

    boolean applyAck(long subId, long sequence) {
        Sub sub = subs.get(subId);
        return sub != null && applyAck(subId, sub, sequence);
    }

    private boolean applyAck(long subId, Sub sub, long sequence) {
        if (sub.pending.remove(sequence)) {
            if (!sub.redeliveryCounts.isEmpty()) {
                sub.redeliveryCounts.remove(sequence);
            }
            changed(subId, sub);
            return true;
        }
        return false;
    }

    /** Marks the subscription to be written at the next checkpoint. */
    private void changed(long subId, Sub sub) {
        if (!sub.marked) {
            sub.marked = true;
            changed.add(subId);
        }
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

    /** Writes the changed subscriptions to MapDB (part of a checkpoint); they stay marked until it is done. */
    void checkpoint() {
        for (Long id : changed) {
            Sub sub = subs.get(id);
            if (sub == null) {
                table.remove(id);
            } else {
                table.put(id, encode(sub));
            }
        }
    }

    /** MapDB committed the last {@link #checkpoint()}. */
    void checkpointDone() {
        for (Long id : changed) {
            Sub sub = subs.get(id);
            if (sub != null) {
                sub.marked = false;
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
            byte[] state = sub.state().toByteArray();
            out.writeInt(state.length);
            out.write(state);
            out.writeInt(sub.pending.size());
            for (long seq : sub.pending.toArray()) {
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
        return ValueChecksum.append(bytes.toByteArray());
    }

    /**
     * Decodes a stored subscription: state, pending set, redelivery counts (absent in values written
     * before they were kept) and a CRC (absent in values written before it was added).
     *
     * @throws IllegalArgumentException saying what is wrong, if the value is damaged
     */
    private static Sub decode(byte[] data) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            int stateLength = in.readInt();
            if (stateLength < 0 || stateLength > in.available()) {
                throw new IllegalArgumentException("state length " + stateLength + " exceeds the record");
            }
            Sub sub = new Sub(SubState.parseFrom(in.readNBytes(stateLength)));
            int pending = in.readInt();
            if (pending < 0 || (long) pending * 8 > in.available()) {
                throw new IllegalArgumentException("pending count " + pending + " exceeds the record");
            }
            for (int n = pending; n > 0; n--) {
                sub.pending.add(in.readLong());
            }
            if (in.available() > 0) {
                int counts = in.readInt();
                if (counts < 0 || (long) counts * 12 > in.available()) {
                    throw new IllegalArgumentException("redelivery count entries " + counts + " exceed the record");
                }
                for (int n = counts; n > 0; n--) {
                    long seq = in.readLong();
                    int count = in.readInt();
                    if (count < 1 || !sub.pending.contains(seq)) {
                        throw new IllegalArgumentException("redelivery count " + count + " of sequence " + seq
                                + " is impossible");
                    }
                    sub.redeliveryCounts.put(seq, count);
                }
            }
            if (in.available() == 4 && !ValueChecksum.valid(data)) {
                throw new IllegalArgumentException("checksum mismatch");
            } else if (in.available() != 0 && in.available() != 4) {
                throw new IllegalArgumentException(in.available() + " bytes after the record");
            }
            return sub;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a valid SubState (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the record ends early", e);
        }
    }
}
