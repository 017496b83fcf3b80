package io.natsjms.store.jetstream;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.LimitEnforcer;
import io.natsjms.store.MessageLog;
import io.natsjms.store.MessageStamps;
import io.natsjms.store.MessageStore;
import io.natsjms.store.MessageStoreStats;
import io.natsjms.store.StoreException;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.PublishOptions;
import io.nats.client.api.PublishAck;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The message log of one channel: an index in memory (what is held, with the newest messages cached)
 * over the channel's stream. Appends are visible at once and published to the stream at the next
 * commit, each conditional on the stream's last sequence being the one before it, so that stream
 * sequence and channel sequence stay equal and no other writer can slip in. Every method holds this
 * object's monitor, except reads of uncached messages from the stream.
 */
final class JetStreamMessageStore implements MessageStore {

    private static final System.Logger LOG = System.getLogger(JetStreamMessageStore.class.getName());

    private final JetStreamChannelStore channel;
    private final LimitEnforcer enforcer;
    private final StoreGuard guard;
    private final LongSupplier wallClockNanos;
    private final Log log = new Log();

    /** What is held; guarded by this. */
    private final MessageIndex index;
    /** Appended, not yet published to the stream, oldest first; guarded by this. */
    private final List<MsgProto> unpublished = new ArrayList<>();
    /** Timestamp of the newest message ever appended; guarded by this. */
    private long lastTimestamp;
    /** Sequence of the oldest message the stream still holds as far as this store purged it; guarded by this. */
    private long streamFirst = 1;

    JetStreamMessageStore(JetStreamChannelStore channel, LimitEnforcer enforcer, StoreGuard guard,
                          LongSupplier wallClockNanos, long cacheBudget) {
        this.channel = channel;
        this.enforcer = enforcer;
        this.guard = guard;
        this.wallClockNanos = wallClockNanos;
        this.index = new MessageIndex(cacheBudget);
    }

    /**
     * Loads the stream's messages from {@code first} to {@code last} (recovery), showing each to
     * {@code seen}, then applies the limits.
     */
    synchronized void restore(long first, long last, long count, Consumer<MsgProto> seen) throws IOException,
            JetStreamApiException, InterruptedException {
        if (count == 0) {
            index.resetTo(last + 1);
        } else {
            index.resetTo(first);
            channel.stream().read(first, last, msg -> {
                if (msg.getSequence() != index.last() + 1) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "stream " + channel.stream().name()
                            + " of channel \"" + channel.name() + "\" misses message " + (index.last() + 1));
                }
                index.add(msg);
                lastTimestamp = msg.getTimestamp();
                seen.accept(msg);
            });
        }
        streamFirst = index.first();
        enforcer.applySizeLimits(log);
        enforcer.applyMaxAge(log, wallClockNanos.getAsLong());
    }

    @Override
    public synchronized MsgProto append(MsgProto msg) {
        guard.checkWritable();
        MsgProto stored = MessageStamps.stamp(msg, index.last() + 1, lastTimestamp, wallClockNanos.getAsLong());
        index.add(stored);
        unpublished.add(stored);
        lastTimestamp = stored.getTimestamp();
        enforcer.applySizeLimits(log);
        return stored;
    }

    @Override
    public MsgProto lookup(long sequence) {
        synchronized (this) {
            if (!index.holds(sequence)) {
                return null;
            }
            MsgProto cached = index.cached(sequence);
            if (cached != null) {
                return cached;
            }
            if (!unpublished.isEmpty() && sequence >= unpublished.get(0).getSequence()) {
                return unpublished.get((int) (sequence - unpublished.get(0).getSequence()));
            }
        }
        guard.checkOpen();
        try {
            return channel.stream().get(sequence);
        } catch (IOException | JetStreamApiException e) {
            throw new StoreException(StoreException.Reason.IO, "reading message " + sequence + " of channel \""
                    + channel.name() + "\" from stream " + channel.stream().name() + " failed: " + e.getMessage(),
                    "store I/O error", e);
        }
    }

    @Override
    public synchronized long firstSequence() {
        if (index.count() > 0) {
            return index.first();
        }
        return index.last() == 0 ? 0 : index.last() + 1;
    }

    @Override
    public synchronized long lastSequence() {
        return index.last();
    }

    @Override
    public synchronized long sequenceAtOrAfter(long timestampNanos) {
        return index.sequenceAtOrAfter(timestampNanos);
    }

    @Override
    public synchronized MessageStoreStats stats() {
        return new MessageStoreStats(firstSequence(), index.last(), index.count(), index.bytes());
    }

    @Override
    public synchronized int expire(long nowNanos) {
        guard.checkWritable();
        return enforcer.applyMaxAge(log, nowNanos);
    }

    /**
     * Publishes what was appended since the last commit and waits until the stream has stored it.
     *
     * @throws StoreException {@code IO} when a publish failed; this store then holds what the stream
     *                        holds (see {@link #resynchronize}): the messages the stream did not store are
     *                        gone (their sequences free again), those it stored stay, PubAck or not
     */
    synchronized void publish(JetStream jetStream, String subject, long timeoutMillis) {
        if (unpublished.isEmpty()) {
            return;
        }
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(unpublished.size());
        for (MsgProto msg : unpublished) {
            acks.add(jetStream.publishAsync(subject, msg.toByteArray(),
                    PublishOptions.builder().expectedLastSequence(msg.getSequence() - 1).build()));
        }
        long stored = unpublished.get(0).getSequence() - 1;
        try {
            for (CompletableFuture<PublishAck> ack : acks) {
                long seqno = ack.get(timeoutMillis, TimeUnit.MILLISECONDS).getSeqno();
                if (seqno != stored + 1) {
                    throw new ExecutionException(new IOException("the stream acknowledged message " + (stored + 1)
                            + " as its sequence " + seqno));
                }
                stored = seqno;
            }
            unpublished.clear();
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            unpublished.clear();
            long kept = resynchronize(stored);
            LOG.log(Level.WARNING, "channel \"{0}\": publish to stream {1} failed after sequence {2}: {3}; "
                    + "the channel now holds what the stream holds, up to sequence {4}",
                    channel.name(), channel.stream().name(), stored, cause, kept);
            throw new StoreException(StoreException.Reason.IO, "publishing to stream " + channel.stream().name()
                    + " of channel \"" + channel.name() + "\" failed: " + cause, "store I/O error", cause);
        }
    }

    /**
     * After a failed publish: makes this store hold exactly what the stream holds after
     * {@code acknowledged}, the last sequence the stream acknowledged. Whether the rest of the batch
     * was stored is unknown (a publish that timed out may be stored later still), so the messages
     * appended here after it are dropped and whatever the stream has there is read back; a message
     * that lands after this is caught by the next publish, which expects the last sequence known here
     * and fails, and comes back here.
     *
     * @return the last sequence this store holds now
     */
    private long resynchronize(long acknowledged) {
        index.truncateAfter(acknowledged);
        if (index.last() != acknowledged) { // the limits had dropped every message up to the batch's
            index.resetTo(acknowledged + 1);
        }
        try {
            long streamLast = channel.stream().lastSequence();
            channel.stream().read(acknowledged + 1, streamLast, msg -> {
                index.add(msg);
                lastTimestamp = Math.max(lastTimestamp, msg.getTimestamp());
            });
            enforcer.applySizeLimits(log);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.WARNING, "channel \"{0}\": reading back stream {1} after sequence {2} failed: {3}",
                    channel.name(), channel.stream().name(), index.last(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return index.last();
    }

    /** Removes from the stream what the limits dropped here and the stream's own max messages did not. */
    void purgeDropped() throws IOException, JetStreamApiException {
        long first;
        synchronized (this) {
            first = index.first();
            long maxMsgs = enforcer.limits().maxMsgs();
            boolean byCount = maxMsgs > 0 && first <= index.last() - maxMsgs + 1;
            if (first <= streamFirst || byCount) {
                streamFirst = Math.max(streamFirst, first);
                return;
            }
        }
        channel.stream().purgeBelow(first);
        synchronized (this) {
            streamFirst = Math.max(streamFirst, first);
        }
    }

    /** The log as the limit enforcer sees it; only used while holding this store's monitor. */
    private final class Log implements MessageLog {

        @Override
        public long count() {
            return index.count();
        }

        @Override
        public long bytes() {
            return index.bytes();
        }

        @Override
        public long oldestSequence() {
            return index.first();
        }

        @Override
        public long oldestTimestamp() {
            return index.oldestTimestamp();
        }

        @Override
        public void removeOldest() {
            index.removeOldest();
        }
    }
}
