package io.natsjms.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor.Type;
import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PingResponse;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.protocol.pb.UnsubscribeRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The generated messages must carry the field names, numbers and types of the STAN wire protocol. */
class WireSchemaTest {

    @ParameterizedTest(name = "{0}.{1} = {2} {3}")
    @CsvSource({
            "PubMsg, clientID, 1, STRING", "PubMsg, guid, 2, STRING", "PubMsg, subject, 3, STRING",
            "PubMsg, reply, 4, STRING", "PubMsg, data, 5, BYTES", "PubMsg, connID, 6, BYTES",
            "PubMsg, sha256, 10, BYTES",
            "PubAck, guid, 1, STRING", "PubAck, error, 2, STRING",
            "MsgProto, sequence, 1, UINT64", "MsgProto, subject, 2, STRING", "MsgProto, reply, 3, STRING",
            "MsgProto, data, 4, BYTES", "MsgProto, timestamp, 5, INT64", "MsgProto, redelivered, 6, BOOL",
            "MsgProto, redeliveryCount, 7, UINT32", "MsgProto, CRC32, 10, UINT32",
            "Ack, subject, 1, STRING", "Ack, sequence, 2, UINT64",
            "ConnectRequest, clientID, 1, STRING", "ConnectRequest, heartbeatInbox, 2, STRING",
            "ConnectRequest, protocol, 3, INT32", "ConnectRequest, connID, 4, BYTES",
            "ConnectRequest, pingInterval, 5, INT32", "ConnectRequest, pingMaxOut, 6, INT32",
            "ConnectResponse, pubPrefix, 1, STRING", "ConnectResponse, subRequests, 2, STRING",
            "ConnectResponse, unsubRequests, 3, STRING", "ConnectResponse, closeRequests, 4, STRING",
            "ConnectResponse, error, 5, STRING", "ConnectResponse, subCloseRequests, 6, STRING",
            "ConnectResponse, pingRequests, 7, STRING", "ConnectResponse, pingInterval, 8, INT32",
            "ConnectResponse, pingMaxOut, 9, INT32", "ConnectResponse, protocol, 10, INT32",
            "ConnectResponse, publicKey, 100, STRING",
            "SubscriptionRequest, clientID, 1, STRING", "SubscriptionRequest, subject, 2, STRING",
            "SubscriptionRequest, qGroup, 3, STRING", "SubscriptionRequest, inbox, 4, STRING",
            "SubscriptionRequest, maxInFlight, 5, INT32", "SubscriptionRequest, ackWaitInSecs, 6, INT32",
            "SubscriptionRequest, durableName, 7, STRING", "SubscriptionRequest, startPosition, 10, ENUM",
            "SubscriptionRequest, startSequence, 11, UINT64", "SubscriptionRequest, startTimeDelta, 12, INT64",
            "SubscriptionResponse, ackInbox, 2, STRING", "SubscriptionResponse, error, 3, STRING",
            "UnsubscribeRequest, clientID, 1, STRING", "UnsubscribeRequest, subject, 2, STRING",
            "UnsubscribeRequest, inbox, 3, STRING", "UnsubscribeRequest, durableName, 4, STRING",
            "CloseRequest, clientID, 1, STRING", "CloseResponse, error, 1, STRING",
            "Ping, connID, 1, BYTES", "PingResponse, error, 1, STRING"
    })
    void fieldMatchesTheWireProtocol(String message, String field, int number, Type type) {
        Descriptor descriptor = MsgProto.getDescriptor().getFile().findMessageTypeByName(message);

        assertThat(descriptor).as(message).isNotNull();
        assertThat(descriptor.findFieldByName(field)).as(message + "." + field).isNotNull();
        assertThat(descriptor.findFieldByName(field).getNumber()).isEqualTo(number);
        assertThat(descriptor.findFieldByName(field).getType()).isEqualTo(type);
    }

    @Test
    void startPositionValues() {
        assertThat(StartPosition.NewOnly.getNumber()).isZero();
        assertThat(StartPosition.LastReceived.getNumber()).isEqualTo(1);
        assertThat(StartPosition.TimeDeltaStart.getNumber()).isEqualTo(2);
        assertThat(StartPosition.SequenceStart.getNumber()).isEqualTo(3);
        assertThat(StartPosition.First.getNumber()).isEqualTo(4);
    }

    @Test
    void pubMsgFromAClientWithoutConnIdParses() throws IOException {
        // What the Java client sends: its protocol copy has no connID field.
        byte[] wire = encode(out -> {
            out.writeString(1, "client-1");
            out.writeString(2, "guid-1");
            out.writeString(3, "orders");
            out.writeBytes(5, ByteString.copyFromUtf8("hello"));
        });

        PubMsg msg = PubMsg.parseFrom(wire);

        assertThat(msg.getClientID()).isEqualTo("client-1");
        assertThat(msg.getGuid()).isEqualTo("guid-1");
        assertThat(msg.getSubject()).isEqualTo("orders");
        assertThat(msg.getData().toStringUtf8()).isEqualTo("hello");
        assertThat(msg.getConnID().isEmpty()).isTrue();
    }

    @Test
    void pubMsgWithConnIdParses() throws IOException {
        byte[] wire = encode(out -> {
            out.writeString(1, "client-1");
            out.writeString(2, "guid-1");
            out.writeString(3, "orders");
            out.writeBytes(6, ByteString.copyFrom("conn-1", StandardCharsets.US_ASCII));
        });

        assertThat(PubMsg.parseFrom(wire).getConnID().toStringUtf8()).isEqualTo("conn-1");
    }

    @Test
    void msgProtoWithAndWithoutRedeliveryCountParses() throws IOException {
        byte[] older = encode(out -> {
            out.writeUInt64(1, 7);
            out.writeString(2, "orders");
            out.writeInt64(5, 1_700_000_000_000_000_000L);
            out.writeBool(6, true);
        });
        MsgProto newer = MsgProto.newBuilder().setSequence(7).setRedelivered(true).setRedeliveryCount(3).build();

        MsgProto parsedOlder = MsgProto.parseFrom(older);
        assertThat(parsedOlder.getSequence()).isEqualTo(7);
        assertThat(parsedOlder.getTimestamp()).isEqualTo(1_700_000_000_000_000_000L);
        assertThat(parsedOlder.getRedelivered()).isTrue();
        assertThat(parsedOlder.getRedeliveryCount()).isZero();
        assertThat(MsgProto.parseFrom(newer.toByteArray()).getRedeliveryCount()).isEqualTo(3);
    }

    @Test
    void allDefaultMessagesAreEmptyPayloads() {
        assertThat(PingResponse.getDefaultInstance().toByteArray()).isEmpty();
        assertThat(PubAck.newBuilder().setGuid("g").build().toByteArray()).isNotEmpty();
        assertThat(SubscriptionResponse.getDefaultInstance().toByteArray()).isEmpty();
    }

    @Test
    void roundTripsEveryRequest() throws IOException {
        ConnectRequest connect = ConnectRequest.newBuilder().setClientID("c").setHeartbeatInbox("_INBOX.hb")
                .setProtocol(1).setConnID(ByteString.copyFromUtf8("id")).setPingInterval(-500).setPingMaxOut(3)
                .build();
        SubscriptionRequest sub = SubscriptionRequest.newBuilder().setClientID("c").setSubject("orders")
                .setQGroup("g").setInbox("_INBOX.1").setMaxInFlight(10).setAckWaitInSecs(30)
                .setDurableName("d").setStartPosition(StartPosition.TimeDeltaStart).setStartTimeDelta(-5)
                .setStartSequence(9).build();
        UnsubscribeRequest unsub = UnsubscribeRequest.newBuilder().setClientID("c").setSubject("orders")
                .setInbox("_INBOX.ack").build();

        assertThat(ConnectRequest.parseFrom(connect.toByteArray())).isEqualTo(connect);
        assertThat(SubscriptionRequest.parseFrom(sub.toByteArray())).isEqualTo(sub);
        assertThat(UnsubscribeRequest.parseFrom(unsub.toByteArray())).isEqualTo(unsub);
        assertThat(Ack.parseFrom(Ack.newBuilder().setSubject("o").setSequence(2).build().toByteArray())
                .getSequence()).isEqualTo(2);
        assertThat(CloseRequest.parseFrom(CloseRequest.newBuilder().setClientID("c").build().toByteArray())
                .getClientID()).isEqualTo("c");
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] encode(Writer writer) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        writer.write(out);
        out.flush();
        return bytes.toByteArray();
    }
}
