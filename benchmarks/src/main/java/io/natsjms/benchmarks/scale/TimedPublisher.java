package io.natsjms.benchmarks.scale;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.natsjms.benchmarks.server.NatsClient;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A STAN publisher on the wire protocol (jnats plus our protobuf classes) that times every
 * acknowledgement: publish number {@code i} carries the GUID {@code <prefix><i>}, and its PubAck is
 * charged from the time the caller says it was due. One run of {@code count} publishes per instance;
 * at most {@code window} are unacknowledged at once.
 */
final class TimedPublisher implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Connection nats;
    private final String clientId;
    private final ByteString connId;
    private final String pubPrefix;
    private final String closeRequests;
    private final String ackInbox;
    private final String guidPrefix = NUID.nextGlobal() + "-";
    private final long[] dueNanos;
    private final Semaphore window;
    private final CountDownLatch remaining;
    private final Histogram ackNanos = new Histogram(HIGHEST_NANOS, 3);
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile long lastAckNanos;

    private TimedPublisher(Connection nats, String clientId, ByteString connId, ConnectResponse response, int count,
                           int window) {
        this.nats = nats;
        this.clientId = clientId;
        this.connId = connId;
        this.pubPrefix = response.getPubPrefix() + ".";
        this.closeRequests = response.getCloseRequests();
        this.ackInbox = nats.createInbox();
        this.dueNanos = new long[count];
        this.window = new Semaphore(window);
        this.remaining = new CountDownLatch(count);
        Dispatcher acks = nats.createDispatcher(this::onAck);
        acks.setPendingLimits(-1, -1);
        acks.subscribe(ackInbox);
    }

    /**
     * Connects and registers {@code clientId}, ready for {@code count} publishes.
     *
     * @param window publishes that may be unacknowledged at once
     */
    static TimedPublisher connect(String url, String clusterId, String clientId, int count, int window)
            throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        if (window < 1) {
            throw new IllegalArgumentException("window: " + window + " (expected: >= 1)");
        }
        Connection nats = NatsClient.connect(url);
        try {
            String heartbeats = nats.createInbox();
            nats.createDispatcher(m -> nats.publish(m.getReplyTo(), new byte[0])).subscribe(heartbeats);
            ByteString connId = ByteString.copyFrom(NUID.nextGlobal(), StandardCharsets.US_ASCII);
            ConnectRequest request = ConnectRequest.newBuilder().setClientID(clientId).setHeartbeatInbox(heartbeats)
                    .setConnID(connId).setProtocol(1).setPingInterval(5).setPingMaxOut(3).build();
            Message reply = nats.request(Subjects.forCluster(clusterId).discovery(), request.toByteArray(),
                    REQUEST_TIMEOUT);
            if (reply == null) {
                throw new IOException("no ConnectResponse from cluster \"" + clusterId + "\" within " + REQUEST_TIMEOUT);
            }
            ConnectResponse response = ConnectResponse.parseFrom(reply.getData());
            if (!response.getError().isEmpty()) {
                throw new IOException("connect of \"" + clientId + "\" refused: " + response.getError());
            }
            return new TimedPublisher(nats, clientId, connId, response, count, window);
        } catch (Exception e) {
            nats.close();
            throw e;
        }
    }

    /** Sends publish number {@code index} (each exactly once), whose ack is timed from {@code dueNanos}. */
    void publish(int index, String channel, ByteString data, long dueNanos) throws InterruptedException {
        window.acquire();
        this.dueNanos[index] = dueNanos;
        PubMsg msg = PubMsg.newBuilder().setClientID(clientId).setConnID(connId).setGuid(guidPrefix + index)
                .setSubject(channel).setData(data).build();
        nats.publish(pubPrefix + channel, ackInbox, msg.toByteArray());
    }

    private void onAck(Message message) {
        long now = System.nanoTime();
        try {
            PubAck ack = PubAck.parseFrom(message.getData());
            if (!ack.getError().isEmpty()) {
                firstError.compareAndSet(null, ack.getGuid() + ": " + ack.getError());
            }
            int index = Integer.parseInt(ack.getGuid().substring(guidPrefix.length()));
            ackNanos.recordValue(Math.min(Math.max(0, now - dueNanos[index]), HIGHEST_NANOS));
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            firstError.compareAndSet(null, "unreadable PubAck: " + e);
        }
        lastAckNanos = now;
        window.release();
        remaining.countDown();
    }

    /**
     * Waits for every ack and returns {@link System#nanoTime()} of the last one.
     *
     * @throws IllegalStateException if some did not come within {@code timeout}, or one reported an error
     */
    long awaitAcks(Duration timeout) throws InterruptedException {
        if (!remaining.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            throw new IllegalStateException(remaining.getCount() + " PubAcks missing after " + timeout
                    + " (expected: none)");
        }
        if (firstError.get() != null) {
            throw new IllegalStateException("a publish failed: " + firstError.get());
        }
        return lastAckNanos;
    }

    /** The ack latencies, read after {@link #awaitAcks} returned. */
    Histogram ackNanos() {
        return ackNanos;
    }

    /** Sends a CloseRequest for the client, then closes the NATS connection. */
    @Override
    public void close() throws InterruptedException {
        try {
            nats.request(closeRequests, CloseRequest.newBuilder().setClientID(clientId).build().toByteArray(),
                    REQUEST_TIMEOUT);
        } finally {
            nats.close();
        }
    }
}
