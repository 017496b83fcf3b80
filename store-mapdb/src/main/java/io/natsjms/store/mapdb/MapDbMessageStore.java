package io.natsjms.store.mapdb;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.Appended;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.MessageLog;
import io.natsjms.store.MessageStamps;
import io.natsjms.store.MessageStore;
import io.natsjms.store.MessageStoreStats;
import io.natsjms.store.NewMessage;
import io.natsjms.store.StoreException;
import java.nio.ByteBuffer;

/**
 * The message log of one channel: bodies in the channel's {@link SegmentLog}, the index
 * (sequence → segment, offset, length, timestamp) in MapDB. Counters are kept in memory and
 * checkpointed; nothing here grows with the log except on disk.
 */
final class MapDbMessageStore implements MessageStore, CommitParticipant {

    private static final int SEGMENT = MessageIndex.SEGMENT;
    private static final int OFFSET = MessageIndex.OFFSET;
    private static final int LENGTH = MessageIndex.LENGTH;
    private static final int TIMESTAMP = MessageIndex.TIMESTAMP;

    private final StoreGuard lock;
    private final String name;
    private final long channelNumber;
    private final LimitEnforcer limits;
    private final MessageLog view = new IndexView();
    private final WriteAheadLog wal;
    private final SegmentLog log;
    private final MessageIndex index;
    /** The state file and channel, for errors. */
    private final String where;
    private final RecentMessages recent = new RecentMessages(256);
    /** Guarded by lock. */
    private long first;
    private long last;
    private long lastTimestamp;
    private long count;
    private long bytes;
    /** The counters as of the last commit, restored when a commit fails. */
    private Counters committed;

    private record Counters(long first, long last, long lastTimestamp, long count, long bytes) { }

    MapDbMessageStore(StoreGuard lock, long channelNumber, ChannelLimits limits, WriteAheadLog wal, SegmentLog log,
                      ChannelSlice<byte[]> index, ChannelMeta meta, String where) {
        this.lock = lock;
        this.name = meta.name();
        this.channelNumber = channelNumber;
        this.limits = new LimitEnforcer(meta.name(), limits);
        this.wal = wal;
        this.log = log;
        this.index = new MessageIndex(index, meta.lastSequence() + 1, where);
        this.where = where;
        this.first = meta.firstSequence();
        this.last = meta.lastSequence();
        this.lastTimestamp = meta.lastTimestamp();
        this.count = meta.count();
        this.bytes = meta.bytes();
        this.committed = counters();
    }

    private Counters counters() {
        return new Counters(first, last, lastTimestamp, count, bytes);
    }

    @Override
    public void committedNow() {
        committed = counters();
        log.committedNow();
    }

    /** Also frees again the sequences appended since the last commit. */
    @Override
    public void rollback() {
        Counters c = committed;
        for (long seq = c.last() + 1; seq <= last; seq++) {
            recent.remove(seq);
        }
        first = c.first();
        last = c.last();
        lastTimestamp = c.lastTimestamp();
        count = c.count();
        bytes = c.bytes();
        index.truncateAfter(last);
        log.rollback();
    }

    @Override
    public long channelNumber() {
        return channelNumber;
    }

    @Override
    public SegmentLog log() {
        return log;
    }

    @Override
    public MsgProto append(MsgProto msg) {
        synchronized (lock) {
            lock.ensureOpen();
            long sequence = last + 1;
            MsgProto stored = MessageStamps.stamp(msg, sequence, lastTimestamp, MessageStamps.nowNanos());
            long timestamp = stored.getTimestamp();
            byte[] body = stored.toByteArray();
            LogPosition at = log.append(sequence, timestamp, body);
            applyAppend(sequence, timestamp, at, body.length);
            recent.put(sequence, body);
            appended(body.length);
            return stored;
        }
    }

    /**
     * Writes {@code msg}'s encoding straight into the segment's write buffer; the serialized array is
     * made only if the message is looked up while it is among the recent ones.
     */
    @Override
    public Appended append(NewMessage msg) {
        synchronized (lock) {
            lock.ensureOpen();
            long sequence = last + 1;
            long timestamp = MessageStamps.timestamp(msg.timestamp(), lastTimestamp, MessageStamps::nowNanos);
            int length = msg.serializedSize(sequence, timestamp);
            LogPosition at = log.append(sequence, timestamp, length, out -> msg.writeTo(out, sequence, timestamp));
            applyAppend(sequence, timestamp, at, length);
            recent.put(sequence, msg, timestamp);
            appended(length);
            return new Appended(sequence, timestamp);
        }
    }

    /** After an append of a body of {@code length} bytes: the journal's share and the count and byte limits. */
    private void appended(int length) {
        wal.appended(this, length + SegmentRecord.HEADER);
        enforceCountAndBytes();
    }

    /** Adds an appended (or replayed) message to the index and the counters. */
    void applyAppend(long sequence, long timestamp, LogPosition at, int length) {
        last = sequence;
        lastTimestamp = timestamp;
        index.add(sequence, at.segment(), at.offset(), length, timestamp);
        if (sequence < first) {
            return; // trimmed later in the same replayed commit
        }
        if (count == 0) {
            first = sequence;
        }
        count++;
        bytes += length;
    }

    /** Drops the oldest messages while over the count or byte limit (keeping the newest). */
    void enforceCountAndBytes() {
        if (limits.applySizeLimits(view) > 0) {
            wal.record(new JournalRecord.Trimmed(channelNumber, first));
        }
    }

    private void dropOldest() {
        long[] entry = entry(first);
        recent.remove(first);
        count--;
        bytes -= entry[LENGTH];
        first++;
        if (count == 0) {
            first = last + 1;
        }
    }

    /** Applies a replayed trim: every message below {@code firstSequence} is gone. */
    void applyTrim(long firstSequence) {
        while (count > 0 && first < firstSequence) {
            dropOldest();
        }
        if (count == 0) {
            first = Math.max(first, firstSequence);
        }
    }

    @Override
    public MsgProto lookup(long sequence) {
        MsgProto cached = recent.get(sequence);
        if (cached != null) {
            return cached;
        }
        long[] entry = heldEntry(sequence);
        ByteBuffer body = entry == null ? null : read(entry, sequence);
        if (body == null) {
            return null;
        }
        try {
            return MsgProto.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "message " + sequence + " of channel \""
                    + name + "\" in " + log.file(entry[SEGMENT]) + " is not a valid MsgProto", e);
        }
    }

    /** The stored bytes themselves: from the recent messages, else read (and checked) from the segment. */
    @Override
    public byte[] lookupSerialized(long sequence) {
        byte[] cached = recent.getSerialized(sequence);
        if (cached != null) {
            return cached;
        }
        long[] entry = heldEntry(sequence);
        return entry == null ? null
                : log.readBody(entry[SEGMENT], entry[OFFSET], (int) entry[LENGTH], sequence);
    }

    /** The index entry of {@code sequence}, or {@code null} when the channel does not hold it. */
    private long[] heldEntry(long sequence) {
        synchronized (lock) {
            if (sequence < first || sequence > last) {
                return null;
            }
            return index.get(sequence);
        }
    }

    /** The body of the message at {@code entry}, read and checked; {@code null} when its segment is gone. */
    private ByteBuffer read(long[] entry, long sequence) {
        return log.read(entry[SEGMENT], entry[OFFSET], (int) entry[LENGTH], sequence);
    }

    @Override
    public long firstSequence() {
        synchronized (lock) {
            return first;
        }
    }

    @Override
    public long lastSequence() {
        synchronized (lock) {
            return last;
        }
    }

    @Override
    public long sequenceAtOrAfter(long timestampNanos) {
        synchronized (lock) {
            lock.ensureOpen();
            if (count == 0) {
                return last + 1;
            }
            long lo = first;
            long hi = last + 1;
            while (lo < hi) {
                long mid = (lo + hi) >>> 1;
                if (entry(mid)[TIMESTAMP] >= timestampNanos) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            return lo;
        }
    }

    @Override
    public MessageStoreStats stats() {
        synchronized (lock) {
            return new MessageStoreStats(first, last, count, bytes);
        }
    }

    @Override
    public int expire(long nowNanos) {
        synchronized (lock) {
            lock.ensureOpen();
            int dropped = limits.applyMaxAge(view, nowNanos);
            if (dropped > 0) {
                wal.record(new JournalRecord.Trimmed(channelNumber, first));
            }
            return dropped;
        }
    }

    /** The index entry of a held message; {@code CORRUPT} if the index has none. */
    private long[] entry(long sequence) {
        long[] entry = index.get(sequence);
        if (entry == null) {
            throw new StoreException(StoreException.Reason.CORRUPT, where + ": the index has no entry for message "
                    + sequence + ", which the channel holds (messages " + first + ".." + last + ")");
        }
        return entry;
    }

    /**
     * Checks the checkpointed counters against the index: the oldest and newest held message must
     * be indexed inside the checkpointed segment data (so that limits and lookups do bounded work).
     */
    void verifyCheckpoint(LogPosition end) {
        if (count == 0) {
            return;
        }
        for (long sequence : new long[] {first, last}) {
            long[] e = entry(sequence);
            if (e[SEGMENT] > end.segment() || e[SEGMENT] == end.segment()
                    && e[OFFSET] + SegmentRecord.HEADER + e[LENGTH] > end.offset()) {
                throw new StoreException(StoreException.Reason.CORRUPT, where + ": message " + sequence
                        + " is indexed at segment " + e[SEGMENT] + " offset " + e[OFFSET] + ", past the checkpointed"
                        + " end (segment " + end.segment() + " offset " + end.offset() + ")");
            }
        }
    }

    /** Writes the recent index entries into MapDB (part of a checkpoint). */
    void checkpointIndex() {
        index.checkpoint(first);
    }

    /** MapDB committed the checkpoint ({@code done}) or rolled it back. */
    void checkpointEnded(boolean done) {
        if (done) {
            index.checkpointDone();
        } else {
            index.checkpointFailed();
        }
    }

    /** The counters and segment end for a checkpoint. */
    ChannelMeta meta(long nextSubId) {
        return new ChannelMeta(name, first, last, lastTimestamp, count, bytes, nextSubId, log.end());
    }

    /** The segment holding the oldest held message, or the current one when none is held. */
    long oldestLiveSegment() {
        if (count == 0) {
            return log.end().segment();
        }
        long[] entry = index.get(first);
        return entry == null ? log.end().segment() : entry[SEGMENT];
    }

    /** Removes every index entry (the channel is deleted). */
    void clearIndex() {
        index.clear();
        recent.clear();
    }

    /** The log as the shared limit logic sees it; called under the lock. */
    private final class IndexView implements MessageLog {
        @Override
        public long count() {
            return count;
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public long oldestSequence() {
            return first;
        }

        @Override
        public long oldestTimestamp() {
            return entry(first)[TIMESTAMP];
        }

        @Override
        public void removeOldest() {
            dropOldest();
        }
    }

}
