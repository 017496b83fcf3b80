package io.natsjms.store.jetstream;

import io.natsjms.store.StoreException;
import io.natsjms.store.jetstream.pb.FenceEntry;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.NUID;
import io.nats.client.PublishOptions;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueWatchOption;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The key-value bucket holding the server info, the clients, the channel entries and the
 * subscriptions. Only the lease holder writes it, and every write is conditional on the bucket's last
 * sequence as this writer knows it: the new holder's {@link #fence} write moves that sequence, so
 * every later write of an earlier holder fails and nothing of it is stored. Writes of one commit are
 * pipelined: each expects the sequence the previous one will get and, after the first, that the
 * previous one was the last stored message (by its unique message ID). The sequence alone would not
 * fence them: when the fence lands where the first write expected to be, the second write would
 * find the sequence it expects and be stored.
 */
final class StateBucket {

    private static final String FENCE_KEY = "fence";

    private final Connection connection;
    private final JetStream jetStream;
    private final KeyValue bucket;
    private final Naming naming;
    private final Duration timeout;
    /** The bucket's last sequence as this writer knows it; -1 when unknown (after a failed write). */
    private long lastSequence = -1;

    private StateBucket(Connection connection, KeyValue bucket, Naming naming, Duration timeout)
            throws IOException {
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.bucket = bucket;
        this.naming = naming;
        this.timeout = timeout;
    }

    /** Opens the bucket, creating it if needed. */
    static StateBucket open(Connection connection, JetStreamStoreConfig config, Duration timeout)
            throws IOException, JetStreamApiException {
        Naming naming = config.naming();
        String name = naming.stateBucket();
        try {
            connection.keyValueManagement().getStatus(name);
        } catch (JetStreamApiException missing) {
            try {
                connection.keyValueManagement().create(KeyValueConfiguration.builder().name(name)
                        .maxHistoryPerKey(1).storageType(StorageType.File).replicas(config.replicas()).build());
            } catch (JetStreamApiException raced) {
                connection.keyValueManagement().getStatus(name);
            }
        }
        return new StateBucket(connection, connection.keyValue(name), naming, timeout);
    }

    private long streamLastSequence() throws IOException, JetStreamApiException {
        return connection.jetStreamManagement().getStreamInfo("KV_" + naming.stateBucket())
                .getStreamState().getLastSequence();
    }

    /**
     * Writes this holder's fence entry conditionally on the bucket's last sequence, retrying while an
     * earlier holder still manages to write in between. Once it returns, no earlier holder can write.
     */
    void fence(long epoch, String owner) throws IOException, JetStreamApiException {
        byte[] value = FenceEntry.newBuilder().setEpoch(epoch).setOwner(owner).build().toByteArray();
        for (int attempt = 0; ; attempt++) {
            long last = streamLastSequence();
            try {
                PublishAck ack = jetStream.publish(naming.stateSubject(FENCE_KEY), value,
                        PublishOptions.builder().expectedLastSequence(last).messageId(NUID.nextGlobal()).build());
                lastSequence = ack.getSeqno();
                return;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != Lease.WRONG_LAST_SEQUENCE || attempt >= 50) {
                    throw e;
                }
            }
        }
    }

    /**
     * Learns the bucket's last sequence again after a failed write. Only safe while the lease is valid
     * at the end of the call (the caller checks), since a new holder fences by moving that sequence.
     */
    void resynchronize() throws IOException, JetStreamApiException {
        lastSequence = streamLastSequence();
    }

    boolean needsResynchronizing() {
        return lastSequence < 0;
    }

    /** Every live key with its value (deleted keys left out). */
    Map<String, byte[]> readAll() throws IOException, JetStreamApiException, InterruptedException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        CountDownLatch done = new CountDownLatch(1);
        KeyValueWatcher watcher = new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry entry) {
                synchronized (entries) {
                    if (entry.getOperation() == KeyValueOperation.PUT) {
                        entries.put(entry.getKey(), entry.getValue() == null ? new byte[0] : entry.getValue());
                    } else {
                        entries.remove(entry.getKey());
                    }
                }
            }

            @Override
            public void endOfData() {
                done.countDown();
            }
        };
        var subscription = bucket.watchAll(watcher, KeyValueWatchOption.IGNORE_DELETE);
        try {
            if (!done.await(Math.max(30_000, timeout.toMillis() * 6), TimeUnit.MILLISECONDS)) {
                throw new IOException("reading bucket " + naming.stateBucket() + " timed out");
            }
        } finally {
            subscription.unsubscribe();
        }
        synchronized (entries) {
            entries.remove(FENCE_KEY);
            return new LinkedHashMap<>(entries);
        }
    }

    /**
     * Writes {@code changes} (key → value, or {@code null} to delete the key) in their order, each
     * conditional on the sequence the previous one gets, and waits until all are stored.
     *
     * @throws StoreException {@code IO} if one failed; the bucket holds the writes before it
     */
    void write(Map<String, byte[]> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (lastSequence < 0) {
            throw new StoreException(StoreException.Reason.IO, "bucket " + naming.stateBucket()
                    + ": the last sequence is unknown after a failed write");
        }
        List<CompletableFuture<PublishAck>> acks = new ArrayList<>(changes.size());
        long expected = lastSequence;
        String previousId = null;
        for (Map.Entry<String, byte[]> change : changes.entrySet()) {
            String id = NUID.nextGlobal();
            PublishOptions.Builder builder = PublishOptions.builder().expectedLastSequence(expected).messageId(id);
            if (previousId != null) {
                builder.expectedLastMsgId(previousId);
            }
            PublishOptions options = builder.build();
            previousId = id;
            String subject = naming.stateSubject(change.getKey());
            if (change.getValue() == null) {
                Headers headers = new Headers().put("KV-Operation", "DEL");
                acks.add(jetStream.publishAsync(subject, headers, new byte[0], options));
            } else {
                acks.add(jetStream.publishAsync(subject, change.getValue(), options));
            }
            expected++;
        }
        long reached = lastSequence;
        try {
            for (CompletableFuture<PublishAck> ack : acks) {
                reached = ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS).getSeqno();
            }
            lastSequence = reached;
        } catch (ExecutionException | TimeoutException e) {
            lastSequence = -1;
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new StoreException(StoreException.Reason.IO, "writing " + changes.size() + " entries to bucket "
                    + naming.stateBucket() + " failed: " + cause, "store I/O error", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lastSequence = -1;
            throw new StoreException(StoreException.Reason.IO, "interrupted while writing bucket "
                    + naming.stateBucket(), e);
        }
    }
}
