package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.CloseResponse;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.Ping;
import io.natsjms.protocol.pb.PingResponse;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.protocol.pb.UnsubscribeRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A STAN client at the protocol level: sends exactly the messages a test builds, over one jnats
 * connection, and decodes the replies with our generated protobuf classes.
 */
final class RawStan implements AutoCloseable {

    /** Bytes no protobuf message parses from (a truncated varint). */
    static final byte[] GARBAGE = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    final Connection nc;
    final Subjects subjects;
    private final Dispatcher dispatcher;
    private final NUID nuid = new NUID();

    RawStan(Connection nc, Subjects subjects) {
        this.nc = nc;
        this.subjects = subjects;
        this.dispatcher = nc.createDispatcher();
    }

    /** A registered client: its ID, connection ID and heartbeat inbox, which answers while {@link #alive}. */
    record Client(String id, ByteString connId, String hbInbox, ConnectResponse response, AtomicBoolean alive) {
    }

    /** A subscription: its channel, delivery inbox, ack inbox and the MsgProtos received so far. */
    record Sub(String channel, String inbox, String ackInbox, List<MsgProto> received) {
        List<Long> sequences() {
            return received.stream().map(MsgProto::getSequence).toList();
        }
    }

    String newInbox() {
        return "_INBOX." + nuid.next();
    }

    byte[] request(String subject, byte[] payload) {
        try {
            Message reply = nc.request(subject, payload, TIMEOUT);
            if (reply == null) {
                throw new AssertionError("no reply on " + subject + " within " + TIMEOUT);
            }
            if (reply.isStatusMessage()) {
                throw new AssertionError("no responder on " + subject + ": " + reply.getStatus());
            }
            return reply.getData();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    ConnectResponse connectRaw(byte[] payload) {
        return parse(() -> ConnectResponse.parseFrom(request(subjects.discovery(), payload)));
    }

    /** Connects with protocol 1, a fresh connection ID and a heartbeat inbox that answers. */
    Client connect(String clientId) {
        String hbInbox = newInbox();
        AtomicBoolean alive = new AtomicBoolean(true);
        dispatcher.subscribe(hbInbox, msg -> {
            if (alive.get() && msg.getReplyTo() != null) {
                nc.publish(msg.getReplyTo(), new byte[0]);
            }
        });
        ByteString connId = ByteString.copyFromUtf8(nuid.next());
        ConnectResponse response = connectRaw(ConnectRequest.newBuilder().setClientID(clientId)
                .setHeartbeatInbox(hbInbox).setProtocol(1).setConnID(connId).setPingInterval(5)
                .setPingMaxOut(3).build().toByteArray());
        return new Client(clientId, connId, hbInbox, response, alive);
    }

    /** Stops answering on the client's heartbeat inbox (the server's probes then get no responder). */
    void kill(Client client) {
        client.alive().set(false);
        dispatcher.unsubscribe(client.hbInbox());
    }

    PubAck publishRaw(String channel, byte[] payload) {
        return parse(() -> PubAck.parseFrom(request(subjects.publishSubject(channel), payload)));
    }

    PubAck publish(PubMsg.Builder msg) {
        return publishRaw(msg.getSubject(), msg.build().toByteArray());
    }

    PubMsg.Builder pubMsg(String clientId, String channel, String data) {
        return PubMsg.newBuilder().setClientID(clientId).setGuid(nuid.next()).setSubject(channel)
                .setData(ByteString.copyFrom(data, StandardCharsets.UTF_8));
    }

    /** Publishes and fails unless the PubAck has no error. */
    void publishOk(String clientId, String channel, int count) {
        for (int i = 0; i < count; i++) {
            PubAck ack = publish(pubMsg(clientId, channel, "m" + i));
            if (!ack.getError().isEmpty()) {
                throw new AssertionError("publish on " + channel + " failed: " + ack.getError());
            }
        }
    }

    /** A subscription request with the Java client's defaults and a fresh inbox. */
    SubscriptionRequest.Builder subRequest(String clientId, String channel) {
        return SubscriptionRequest.newBuilder().setClientID(clientId).setSubject(channel).setInbox(newInbox())
                .setMaxInFlight(1024).setAckWaitInSecs(30);
    }

    SubscriptionResponse subscribeRaw(byte[] payload) {
        return parse(() -> SubscriptionResponse.parseFrom(request(subjects.subscribe(), payload)));
    }

    SubscriptionResponse subscribe(SubscriptionRequest.Builder request) {
        return subscribeRaw(request.build().toByteArray());
    }

    /** Starts collecting the MsgProtos that arrive on {@code subject}. */
    List<MsgProto> listen(String subject) {
        List<MsgProto> received = new CopyOnWriteArrayList<>();
        dispatcher.subscribe(subject, msg -> received.add(parse(() -> MsgProto.parseFrom(msg.getData()))));
        return received;
    }

    /** Subscribes, listening on the request's inbox first; fails on an error reply. */
    Sub subscribeOk(SubscriptionRequest.Builder request) {
        List<MsgProto> received = listen(request.getInbox());
        SubscriptionResponse response = subscribe(request);
        if (!response.getError().isEmpty()) {
            throw new AssertionError("subscribe to " + request.getSubject() + " failed: " + response.getError());
        }
        return new Sub(request.getSubject(), request.getInbox(), response.getAckInbox(), received);
    }

    void ack(Sub sub, long sequence) {
        ack(sub.ackInbox(), sub.channel(), sequence);
    }

    void ack(String ackInbox, String channel, long sequence) {
        nc.publish(ackInbox, Ack.newBuilder().setSubject(channel).setSequence(sequence).build().toByteArray());
    }

    SubscriptionResponse unsubscribeRaw(String subject, byte[] payload) {
        return parse(() -> SubscriptionResponse.parseFrom(request(subject, payload)));
    }

    SubscriptionResponse unsubscribe(String clientId, String channel, String inbox) {
        return unsubscribeRaw(subjects.unsubscribe(), unsubRequest(clientId, channel, inbox));
    }

    SubscriptionResponse closeSubscription(String clientId, String channel, String inbox) {
        return unsubscribeRaw(subjects.subClose(), unsubRequest(clientId, channel, inbox));
    }

    private static byte[] unsubRequest(String clientId, String channel, String inbox) {
        return UnsubscribeRequest.newBuilder().setClientID(clientId).setSubject(channel).setInbox(inbox).build()
                .toByteArray();
    }

    CloseResponse closeRaw(byte[] payload) {
        return parse(() -> CloseResponse.parseFrom(request(subjects.close(), payload)));
    }

    CloseResponse close(String clientId) {
        return closeRaw(CloseRequest.newBuilder().setClientID(clientId).build().toByteArray());
    }

    PingResponse ping(ByteString connId) {
        return parse(() -> PingResponse.parseFrom(request(subjects.pings(),
                Ping.newBuilder().setConnID(connId).build().toByteArray())));
    }

    private interface Parse<T> {
        T run() throws InvalidProtocolBufferException;
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.run();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("undecodable reply: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        nc.close();
    }
}
