package io.natsjms.benchmarks.jetstream;

import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.PublishAck;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cluster's own ceiling: jnats publishes 1 KB messages asynchronously to a file-backed stream with
 * the same replicas, and a batch counts once every publish of it is acknowledged.
 */
final class StreamPublishCeiling implements AutoCloseable {

    private final Connection connection;
    private final JetStream jetStream;
    private final String subject;
    private final byte[][] payloads;
    private final List<CompletableFuture<PublishAck>> pending = new ArrayList<>();
    private int next;

    StreamPublishCeiling(Connection connection, String name, int replicas, byte[][] payloads)
            throws IOException, JetStreamApiException {
        this.connection = connection;
        this.subject = name + ".msgs";
        connection.jetStreamManagement().addStream(StreamConfiguration.builder().name(name).subjects(subject)
                .storageType(StorageType.File).replicas(replicas).build());
        this.jetStream = connection.jetStream();
        this.payloads = payloads;
    }

    void append() {
        pending.add(jetStream.publishAsync(subject, payloads[next++ % payloads.length]));
    }

    void sync() {
        try {
            for (CompletableFuture<PublishAck> ack : pending) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("publish to " + subject + " failed: " + e, e);
        }
        pending.clear();
    }

    @Override
    public void close() {
        try {
            connection.jetStreamManagement().deleteStream(subject.substring(0, subject.indexOf('.')));
        } catch (IOException | JetStreamApiException e) {
            // the cluster goes away with the run
        }
    }
}
