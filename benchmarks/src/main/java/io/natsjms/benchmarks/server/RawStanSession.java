package io.natsjms.benchmarks.server;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.MessageHandler;
import io.nats.client.NUID;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.PubMsg;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A STAN client session on the wire protocol, for the raw publishers: its own NATS connection that
 * answers heartbeats, a ConnectRequest on the discovery subject, PubMsgs to {@code <pubPrefix>.<channel>}
 * with every PubAck on one inbox, and a CloseRequest at the end. No client-side bookkeeping.
 */
public final class RawStanSession implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final Connection nats;
    private final String clientId;
    private final ByteString connId;
    private final String pubPrefix;
    private final String closeRequests;
    private final String ackInbox;

    private RawStanSession(Connection nats, String clientId, ByteString connId, ConnectResponse response,
                           MessageHandler onAck) {
        this.nats = nats;
        this.clientId = clientId;
        this.connId = connId;
        this.pubPrefix = response.getPubPrefix() + ".";
        this.closeRequests = response.getCloseRequests();
        this.ackInbox = nats.createInbox();
        Dispatcher acks = nats.createDispatcher(onAck);
        acks.setPendingLimits(-1, -1);
        acks.subscribe(ackInbox);
    }

    /**
     * Connects a new NATS connection and registers {@code clientId} with the cluster; every PubAck goes
     * to {@code onAck}, on one dispatcher thread.
     */
    public static RawStanSession connect(String url, String clusterId, String clientId, MessageHandler onAck)
            throws Exception {
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
            return new RawStanSession(nats, clientId, connId, response, onAck);
        } catch (Exception e) {
            nats.close();
            throw e;
        }
    }

    /** Sends one PubMsg; its PubAck comes to the handler given at connect. */
    public void publish(String channel, String guid, ByteString data) {
        PubMsg msg = PubMsg.newBuilder().setClientID(clientId).setConnID(connId).setGuid(guid)
                .setSubject(channel).setData(data).build();
        nats.publish(pubPrefix + channel, ackInbox, msg.toByteArray());
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
