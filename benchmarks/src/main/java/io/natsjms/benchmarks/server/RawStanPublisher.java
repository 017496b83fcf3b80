package io.natsjms.benchmarks.server;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.Subjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A STAN publisher written directly against the wire protocol with jnats and our protobuf classes:
 * a ConnectRequest on the discovery subject, then PubMsgs to {@code <pubPrefix>.<channel>} with one
 * reply inbox for all PubAcks. It measures the server without the official client's own costs.
 */
final class RawStanPublisher implements Publisher {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Connection nats;
    private final String clientId;
    private final ByteString connId;
    private final String pubPrefix;
    private final String closeRequests;
    private final String ackInbox;
    private final String guidPrefix;
    private volatile AckWindow window;
    private long next;

    private RawStanPublisher(Connection nats, String clientId, ByteString connId, ConnectResponse response) {
        this.nats = nats;
        this.clientId = clientId;
        this.connId = connId;
        this.pubPrefix = response.getPubPrefix() + ".";
        this.closeRequests = response.getCloseRequests();
        this.ackInbox = nats.createInbox();
        this.guidPrefix = NUID.nextGlobal() + "-";
        Dispatcher acks = nats.createDispatcher(this::onAck);
        acks.setPendingLimits(-1, -1);
        acks.subscribe(ackInbox);
    }

    /** Connects a new NATS connection and registers {@code clientId} with the cluster. */
    static RawStanPublisher connect(String url, String clusterId, String clientId) throws Exception {
        Connection nats = NatsClient.connect(url);
        try {
            String heartbeats = nats.createInbox();
            Dispatcher dispatcher = nats.createDispatcher(m -> nats.publish(m.getReplyTo(), new byte[0]));
            dispatcher.subscribe(heartbeats);
            ByteString connId = ByteString.copyFrom(NUID.nextGlobal(), StandardCharsets.US_ASCII);
            ConnectRequest request = ConnectRequest.newBuilder()
                    .setClientID(clientId)
                    .setHeartbeatInbox(heartbeats)
                    .setConnID(connId)
                    .setProtocol(1)
                    .setPingInterval(5)
                    .setPingMaxOut(3)
                    .build();
            Message reply = nats.request(Subjects.forCluster(clusterId).discovery(), request.toByteArray(),
                    REQUEST_TIMEOUT);
            if (reply == null) {
                throw new IOException("no ConnectResponse from cluster \"" + clusterId + "\" within " + REQUEST_TIMEOUT);
            }
            ConnectResponse response = ConnectResponse.parseFrom(reply.getData());
            if (!response.getError().isEmpty()) {
                throw new IOException("connect of \"" + clientId + "\" refused: " + response.getError());
            }
            return new RawStanPublisher(nats, clientId, connId, response);
        } catch (Exception e) {
            nats.close();
            throw e;
        }
    }

    @Override
    public void publish(String channel, byte[] data, AckWindow window) throws InterruptedException {
        this.window = window;
        window.acquire();
        PubMsg msg = PubMsg.newBuilder()
                .setClientID(clientId)
                .setConnID(connId)
                .setGuid(guidPrefix + next++)
                .setSubject(channel)
                .setData(ByteString.copyFrom(data))
                .build();
        nats.publish(pubPrefix + channel, ackInbox, msg.toByteArray());
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
