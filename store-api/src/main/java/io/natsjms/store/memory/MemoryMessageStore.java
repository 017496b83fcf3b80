package io.natsjms.store.memory;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.MessageLog;
import io.natsjms.store.MessageStamps;
import io.natsjms.store.MessageStore;
import io.natsjms.store.MessageStoreStats;
import java.util.function.LongSupplier;

/**
 * The message log of one channel in memory. Held messages always have consecutive sequences (only
 * the oldest are ever dropped), so a message is found by its distance from the newest. Every method
 * holds this object's monitor.
 */
final class MemoryMessageStore implements MessageStore {

    private final LimitEnforcer enforcer;
    private final OpenGuard guard;
    private final LongSupplier wallClockNanos;
    private final Log log = new Log();

    /** The held messages, oldest first; guarded by this. */
    private final MessageRing messages = new MessageRing();
    /** Sequence of the newest message ever appended, 0 before the first; guarded by this. */
    private long last;
    /** Timestamp of the newest message ever appended; guarded by this. */
    private long lastTimestamp;
    /** Sum of the serialized sizes of the held messages; guarded by this. */
    private long bytes;

    MemoryMessageStore(LimitEnforcer enforcer, OpenGuard guard, LongSupplier wallClockNanos) {
        this.enforcer = enforcer;
        this.guard = guard;
        this.wallClockNanos = wallClockNanos;
    }

    @Override
    public synchronized MsgProto append(MsgProto msg) {
        guard.check();
        MsgProto stored = MessageStamps.stamp(msg, last + 1, lastTimestamp, wallClockNanos.getAsLong());
        messages.addLast(stored);
        bytes += stored.getSerializedSize();
        last = stored.getSequence();
        lastTimestamp = stored.getTimestamp();
        enforcer.applySizeLimits(log);
        return stored;
    }

    @Override
    public synchronized MsgProto lookup(long sequence) {
        long oldest = last - messages.size() + 1;
        if (sequence < oldest || sequence > last) {
            return null;
        }
        return messages.get((int) (sequence - oldest));
    }

    @Override
    public synchronized long firstSequence() {
        if (messages.size() > 0) {
            return last - messages.size() + 1;
        }
        return last == 0 ? 0 : last + 1;
    }

    @Override
    public synchronized long lastSequence() {
        return last;
    }

    @Override
    public synchronized long sequenceAtOrAfter(long timestampNanos) {
        int low = 0;
        int high = messages.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (messages.get(mid).getTimestamp() < timestampNanos) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low == messages.size() ? last + 1 : messages.get(low).getSequence();
    }

    @Override
    public synchronized MessageStoreStats stats() {
        return new MessageStoreStats(firstSequence(), last, messages.size(), bytes);
    }

    @Override
    public synchronized int expire(long nowNanos) {
        guard.check();
        return enforcer.applyMaxAge(log, nowNanos);
    }

    /** The log as the limit enforcer sees it; only used while holding the store's monitor. */
    private final class Log implements MessageLog {

        @Override
        public long count() {
            return messages.size();
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public long oldestSequence() {
            return messages.get(0).getSequence();
        }

        @Override
        public long oldestTimestamp() {
            return messages.get(0).getTimestamp();
        }

        @Override
        public void removeOldest() {
            bytes -= messages.removeFirst().getSerializedSize();
        }
    }
}
