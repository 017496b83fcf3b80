package io.natsjms.benchmarks.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.natsjms.protocol.pb.PubAck;

/**
 * A STAN publisher written directly against the wire protocol ({@link RawStanSession}). It measures the
 * server without the official client's own costs.
 */
final class RawStanPublisher implements Publisher {

    private final String guidPrefix = NUID.nextGlobal() + "-";
    private RawStanSession session;
    private volatile AckWindow window;
    private long next;

    private RawStanPublisher() {
    }

    /** Connects a new NATS connection and registers {@code clientId} with the cluster. */
    static RawStanPublisher connect(String url, String clusterId, String clientId) throws Exception {
        RawStanPublisher publisher = new RawStanPublisher();
        publisher.session = RawStanSession.connect(url, clusterId, clientId, publisher::onAck);
        return publisher;
    }

    @Override
    public void publish(String channel, byte[] data, AckWindow window) throws InterruptedException {
        this.window = window;
        window.acquire();
        session.publish(channel, guidPrefix + next++, ByteString.copyFrom(data));
    }

    private void onAck(Message message) {
        String error;
        try {
            error = PubAck.parseFrom(message.getData()).getError();
        } catch (InvalidProtocolBufferException e) {
            error = "unreadable PubAck: " + e.getMessage();
        }
        window.acked(error);
    }

    @Override
    public void close() throws InterruptedException {
        session.close();
    }
}
