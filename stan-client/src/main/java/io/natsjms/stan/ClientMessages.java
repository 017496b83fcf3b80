package io.natsjms.stan;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.ext.ScheduleRequest;
import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.Ping;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.UnsubscribeRequest;

/** The STAN wire messages a client sends, encoded, and the one it receives as a subscriber, decoded. */
final class ClientMessages {

    /** "protocolOne": connID in ConnectRequest and PubMsg, client PINGs. */
    static final int PROTOCOL = 1;

    private ClientMessages() {
    }

    static byte[] connect(StanSettings settings, String heartbeatInbox, ByteString connId) {
        return ConnectRequest.newBuilder()
                .setClientID(settings.clientId())
                .setHeartbeatInbox(heartbeatInbox)
                .setProtocol(PROTOCOL)
                .setConnID(connId)
                .setPingInterval(settings.pingIntervalOnWire())
                .setPingMaxOut(settings.pingMaxOut())
                .build().toByteArray();
    }

    /** A PubMsg; {@code data} is read during the call only. */
    static byte[] publish(String clientId, ByteString connId, String guid, String channel, byte[] data) {
        return PubMsg.newBuilder()
                .setClientID(clientId)
                .setGuid(guid)
                .setSubject(channel)
                .setData(UnsafeByteOperations.unsafeWrap(data == null ? new byte[0] : data))
                .setConnID(connId)
                .build().toByteArray();
    }

    /** A ScheduleRequest (natsjms extension): the PubMsg of {@link #publish} with its delivery time. */
    static byte[] schedule(String clientId, ByteString connId, String guid, String channel, byte[] data,
                           long deliverAtNanos) {
        return ScheduleRequest.newBuilder()
                .setPublish(PubMsg.newBuilder()
                        .setClientID(clientId)
                        .setGuid(guid)
                        .setSubject(channel)
                        .setData(UnsafeByteOperations.unsafeWrap(data == null ? new byte[0] : data))
                        .setConnID(connId))
                .setDeliverAt(deliverAtNanos)
                .build().toByteArray();
    }

    static byte[] ack(String channel, long sequence) {
        return Ack.newBuilder().setSubject(channel).setSequence(sequence).build().toByteArray();
    }

    /** An UnsubscribeRequest, used for both unsubscribe and sub close; {@code inbox} = ack or delivery inbox. */
    static byte[] unsubscribe(String clientId, String channel, String inbox) {
        return UnsubscribeRequest.newBuilder().setClientID(clientId).setSubject(channel).setInbox(inbox)
                .build().toByteArray();
    }

    static byte[] close(String clientId) {
        return CloseRequest.newBuilder().setClientID(clientId).build().toByteArray();
    }

    static byte[] ping(ByteString connId) {
        return Ping.newBuilder().setConnID(connId).build().toByteArray();
    }

    /**
     * Decodes a delivered MsgProto. The message's payload shares {@code payload}, which must not be
     * changed afterwards.
     *
     * @throws ProtocolException naming the subject if the payload is not a MsgProto
     */
    static StanMessage message(byte[] payload, String subject) {
        MsgProto proto = Codec.decode(MsgProto.parser(), payload, "MsgProto", subject);
        return new StanMessage(proto.getSequence(), proto.getSubject(), proto.getData(),
                proto.getTimestamp(), proto.getRedelivered(), proto.getRedeliveryCount());
    }
}
