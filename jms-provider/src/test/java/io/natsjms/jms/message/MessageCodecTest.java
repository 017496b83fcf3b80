package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsTemporaryQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.stan.CoreMessage;
import io.natsjms.stan.StanMessage;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private final MessageCodec codec = new MessageCodec(CodecOptions.defaults());

    /** A first delivery of {@code payload} as message 12 of "orders", stored at 5 s after the epoch. */
    private static StanMessage first(byte[] payload) {
        return new StanMessage(12, "orders", ByteString.copyFrom(payload), 5_000_000_000L, false, 0);
    }

    private NatsMessage roundTrip(NatsMessage message) throws Exception {
        return codec.decode(first(codec.encode(message)));
    }

    @Test
    void headersTravel() throws Exception {
        NatsMessage m = new NatsMessage();
        m.setJMSMessageID("ID:guid-1");
        m.setJMSTimestamp(1234);
        m.setJMSCorrelationID("corr");
        m.setJMSType("type");
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(8);
        m.setJMSExpiration(99);
        m.setJMSDeliveryTime(77);
        m.setJMSDestination(new NatsChannelQueue("work"));
        m.setJMSReplyTo(new NatsTemporaryQueue("_INBOX.x1", null));
        NatsMessage r = roundTrip(m);
        assertThat(r.getClass()).isEqualTo(NatsMessage.class);
        assertThat(r.getJMSMessageID()).isEqualTo("ID:guid-1");
        assertThat(r.getJMSTimestamp()).isEqualTo(1234);
        assertThat(r.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(r.getJMSType()).isEqualTo("type");
        assertThat(r.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(r.getJMSPriority()).isEqualTo(8);
        assertThat(r.getJMSExpiration()).isEqualTo(99);
        assertThat(r.getJMSDeliveryTime()).isEqualTo(77);
        assertThat(r.getJMSDestination()).isEqualTo(new NatsChannelQueue("work"));
        assertThat(r.getJMSReplyTo()).isEqualTo(new NatsTemporaryQueue("_INBOX.x1", null));
        assertThat(r.getJMSRedelivered()).isFalse();
        assertThat(r.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void bytesCorrelationIdAndAbsentHeaders() throws Exception {
        NatsMessage m = new NatsMessage();
        m.setJMSCorrelationIDAsBytes(new byte[] {1, 2});
        NatsMessage r = roundTrip(m);
        assertThat(r.getJMSCorrelationIDAsBytes()).containsExactly(1, 2);
        assertThat(r.getJMSMessageID()).isNull();
        assertThat(r.getJMSType()).isNull();
        assertThat(r.getJMSReplyTo()).isNull();
        assertThat(r.getJMSDestination()).isNull();
    }

    @Test
    void everyPropertyTypeKeepsItsJavaType() throws Exception {
        NatsMessage m = new NatsMessage();
        m.setBooleanProperty("bo", true);
        m.setByteProperty("by", (byte) -1);
        m.setShortProperty("sh", (short) -2);
        m.setIntProperty("it", -3);
        m.setLongProperty("lo", Long.MIN_VALUE);
        m.setFloatProperty("fl", 1.5f);
        m.setDoubleProperty("do", -2.25);
        m.setStringProperty("st", "ünï");
        m.setStringProperty("nu", null);
        NatsMessage r = roundTrip(m);
        assertThat(r.getObjectProperty("bo")).isEqualTo(Boolean.TRUE);
        assertThat(r.getObjectProperty("by")).isEqualTo((byte) -1);
        assertThat(r.getObjectProperty("sh")).isEqualTo((short) -2);
        assertThat(r.getObjectProperty("it")).isEqualTo(-3);
        assertThat(r.getObjectProperty("lo")).isEqualTo(Long.MIN_VALUE);
        assertThat(r.getObjectProperty("fl")).isEqualTo(1.5f);
        assertThat(r.getObjectProperty("do")).isEqualTo(-2.25);
        assertThat(r.getObjectProperty("st")).isEqualTo("ünï");
        assertThat(r.propertyExists("nu")).isTrue();
        assertThat(Collections.list(r.getPropertyNames()))
                .containsExactly("bo", "by", "sh", "it", "lo", "fl", "do", "st", "nu", "JMSXDeliveryCount");
        assertThatThrownBy(() -> r.setIntProperty("x", 1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void textBody() throws Exception {
        assertThat(((NatsTextMessage) roundTrip(new NatsTextMessage("héllo"))).getText()).isEqualTo("héllo");
        assertThat(((NatsTextMessage) roundTrip(new NatsTextMessage())).getText()).isNull();
        NatsMessage r = roundTrip(new NatsTextMessage(""));
        assertThat(((NatsTextMessage) r).getText()).isEmpty();
        assertThatThrownBy(() -> ((NatsTextMessage) r).setText("x")).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void bytesBodyArrivesInReadMode() throws Exception {
        NatsBytesMessage m = new NatsBytesMessage();
        m.writeInt(42);
        m.writeUTF("x");
        NatsBytesMessage r = (NatsBytesMessage) roundTrip(m);
        assertThat(r.getBodyLength()).isEqualTo(7);
        assertThat(r.readInt()).isEqualTo(42);
        assertThat(r.readUTF()).isEqualTo("x");
        assertThatThrownBy(() -> r.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void mapBodyKeepsTypes() throws Exception {
        NatsMapMessage m = new NatsMapMessage();
        m.setBoolean("bo", false);
        m.setByte("by", (byte) 1);
        m.setShort("sh", (short) 2);
        m.setChar("ch", 'é');
        m.setInt("in", 3);
        m.setLong("lo", 4L);
        m.setFloat("fl", 5f);
        m.setDouble("do", 6.0);
        m.setString("st", "s");
        m.setBytes("bs", new byte[] {7});
        m.setString("nu", null);
        NatsMapMessage r = (NatsMapMessage) roundTrip(m);
        assertThat(Collections.list(r.getMapNames()))
                .containsExactly("bo", "by", "sh", "ch", "in", "lo", "fl", "do", "st", "bs", "nu");
        assertThat(r.getObject("bo")).isEqualTo(false);
        assertThat(r.getObject("by")).isEqualTo((byte) 1);
        assertThat(r.getObject("sh")).isEqualTo((short) 2);
        assertThat(r.getObject("ch")).isEqualTo('é');
        assertThat(r.getObject("in")).isEqualTo(3);
        assertThat(r.getObject("lo")).isEqualTo(4L);
        assertThat(r.getObject("fl")).isEqualTo(5f);
        assertThat(r.getObject("do")).isEqualTo(6.0);
        assertThat(r.getObject("st")).isEqualTo("s");
        assertThat(r.getBytes("bs")).containsExactly(7);
        assertThat(r.itemExists("nu")).isTrue();
        assertThat(r.getObject("nu")).isNull();
    }

    @Test
    void streamBodyKeepsTypesAndOrder() throws Exception {
        NatsStreamMessage m = new NatsStreamMessage();
        List<Object> items = java.util.Arrays.asList(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6.0, "s", null);
        for (Object item : items) {
            m.writeObject(item);
        }
        m.writeBytes(new byte[] {9});
        NatsStreamMessage r = (NatsStreamMessage) roundTrip(m);
        for (Object item : items) {
            assertThat(r.readObject()).isEqualTo(item);
        }
        assertThat((byte[]) r.readObject()).containsExactly(9);
    }

    @Test
    void objectBodyAndAllowListFromOptions() throws Exception {
        NatsObjectMessage m = new NatsObjectMessage();
        m.setObject(new NatsObjectMessageTest.Order("o", 1));
        NatsObjectMessage refused = (NatsObjectMessage) roundTrip(m);
        assertThatThrownBy(refused::getObject).isInstanceOf(MessageFormatException.class);
        MessageCodec trusting = new MessageCodec(
                new CodecOptions(false, ClassAllowList.defaultsPlus(NatsObjectMessageTest.Order.class.getName())));
        NatsObjectMessage accepted = (NatsObjectMessage) trusting.decode(first(codec.encode(m)));
        assertThat(accepted.getObject()).isEqualTo(new NatsObjectMessageTest.Order("o", 1));
        assertThat(((NatsObjectMessage) roundTrip(new NatsObjectMessage())).getObject()).isNull();
    }

    @Test
    void redeliveryInfo() throws Exception {
        NatsMessage r = codec.decode(new StanMessage(1, "orders", ByteString.copyFrom(codec.encode(new NatsMessage())),
                0, true, 2));
        assertThat(r.getJMSRedelivered()).isTrue();
        assertThat(r.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
    }

    /**
     * A delivered payload is a slice of the received MsgProto's array (parsed in place): it decodes as
     * a copy of it does, for an envelope and for a plain payload.
     */
    @Test
    void payloadSliceOfAReceivedMessageDecodesAsACopy() throws Exception {
        NatsTextMessage sent = new NatsTextMessage("in place");
        sent.setJMSMessageID("ID:slice");
        sent.setStringProperty("p", "v");
        for (byte[] payload : List.of(codec.encode(sent), "not an envelope".getBytes(StandardCharsets.UTF_8))) {
            byte[] received = MsgProto.newBuilder().setSequence(12).setSubject("orders").setReply("r")
                    .setData(ByteString.copyFrom(payload)).setTimestamp(5_000_000_000L).build().toByteArray();
            MsgProto proto = Codec.decode(MsgProto.parser(), received, "MsgProto", "inbox");
            StanMessage slice = new StanMessage(12, "orders", proto.getData(), 5_000_000_000L, false, 0);

            NatsMessage fromSlice = codec.decode(slice);
            NatsMessage fromCopy = codec.decode(first(payload));

            assertThat(fromSlice.getClass()).isEqualTo(fromCopy.getClass());
            assertThat(fromSlice.getJMSMessageID()).isEqualTo(fromCopy.getJMSMessageID());
            assertThat(fromSlice.getJMSTimestamp()).isEqualTo(fromCopy.getJMSTimestamp());
            assertThat(fromSlice.getBody(Object.class)).isEqualTo(fromCopy.getBody(Object.class));
            assertThat(Collections.list(fromSlice.getPropertyNames()))
                    .isEqualTo(Collections.list(fromCopy.getPropertyNames()));
        }
    }

    @Test
    void temporaryDestinationMessageIsAFirstDeliveryOfItsSubject() throws Exception {
        NatsMessage enveloped = codec.decode(new CoreMessage("_INBOX.t1", null, codec.encode(new NatsTextMessage("t"))));
        NatsMessage plain = codec.decode(new CoreMessage("_INBOX.t1", null, new byte[] {7}));

        assertThat(((NatsTextMessage) enveloped).getText()).isEqualTo("t");
        assertThat(enveloped.getJMSRedelivered()).isFalse();
        assertThat(plain.getBody(byte[].class)).containsExactly(7);
        assertThat(plain.getJMSMessageID()).isEqualTo("ID:STAN:_INBOX.t1:0");
        assertThat(plain.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
        assertThat(plain.getJMSTimestamp()).isPositive();
    }

    @Test
    void browsedMessageIsNeverRedelivered() throws Exception {
        NatsMessage r = codec.decodeBrowsed(new StanMessage(1, "orders",
                ByteString.copyFrom(codec.encode(new NatsMessage())), 0, true, 2));

        assertThat(r.getJMSRedelivered()).isFalse();
        assertThat(r.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void nonEnvelopePayloadIsBytesMessage() throws Exception {
        byte[] payload = "{\"plain\":true}".getBytes(StandardCharsets.UTF_8);
        NatsMessage r = codec.decode(first(payload));
        assertThat(r).isInstanceOf(NatsBytesMessage.class);
        assertThat(r.getBody(byte[].class)).isEqualTo(payload);
        assertThat(r.getJMSMessageID()).isEqualTo("ID:STAN:orders:12");
        assertThat(r.getJMSTimestamp()).isEqualTo(5000);
        assertThat(r.getJMSDestination()).isEqualTo(new NatsChannelTopic("orders"));
        assertThat(r.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void nonEnvelopePayloadAsText() throws Exception {
        MessageCodec text = new MessageCodec(new CodecOptions(true, ClassAllowList.defaults()));
        NatsMessage r = text.decode(first("hello".getBytes(StandardCharsets.UTF_8)));
        assertThat(((NatsTextMessage) r).getText()).isEqualTo("hello");
        assertThat(((NatsTextMessage) text.decode(first(new byte[0]))).getText()).isEmpty();
    }

    @Test
    void payloadsThatOnlyLookLikeAnEnvelopeAreNotOne() throws Exception {
        byte[] magicOnly = {(byte) 0x89, 'J', 'M', 'S'};
        byte[] wrongVersion = {(byte) 0x89, 'J', 'M', 'S', 2, 8, 2};
        byte[] garbage = {(byte) 0x89, 'J', 'M', 'S', 1, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] noBodyType = {(byte) 0x89, 'J', 'M', 'S', 1};
        for (byte[] payload : List.of(magicOnly, wrongVersion, garbage, noBodyType, new byte[0])) {
            NatsMessage r = codec.decode(first(payload));
            assertThat(r).isInstanceOf(NatsBytesMessage.class);
            assertThat(((NatsBytesMessage) r).getBodyLength()).isEqualTo(payload.length);
        }
    }

    @Test
    void rawBodies() throws Exception {
        assertThat(codec.encodeRawBody(new NatsTextMessage("hé"))).isEqualTo("hé".getBytes(StandardCharsets.UTF_8));
        NatsBytesMessage bytes = new NatsBytesMessage();
        bytes.writeBytes(new byte[] {1, 2});
        assertThat(codec.encodeRawBody(bytes)).containsExactly(1, 2);
        assertThat(codec.encodeRawBody(new NatsMessage())).isEmpty();
        assertThatThrownBy(() -> codec.encodeRawBody(new NatsMapMessage())).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("NatsMapMessage");
        // a raw text payload reaches a JMS consumer as a plain payload
        NatsMessage r = new MessageCodec(new CodecOptions(true, ClassAllowList.defaults()))
                .decode(first(codec.encodeRawBody(new NatsTextMessage("raw"))));
        assertThat(((NatsTextMessage) r).getText()).isEqualTo("raw");
    }

    @Test
    void copyOfForeignMessages() throws Exception {
        NatsMapMessage source = new NatsMapMessage();
        source.setInt("i", 1);
        source.setStringProperty("p", "v");
        source.setJMSType("t");
        source.setJMSReplyTo(new NatsChannelTopic("replies"));
        NatsMessage foreign = ForeignMessages.copy(source);
        assertThat(foreign).isNotSameAs(source).isInstanceOf(NatsMapMessage.class);
        assertThat(((NatsMapMessage) foreign).getInt("i")).isEqualTo(1);
        assertThat(foreign.getStringProperty("p")).isEqualTo("v");
        assertThat(foreign.getJMSType()).isEqualTo("t");
        assertThat(foreign.getJMSReplyTo()).isEqualTo(new NatsChannelTopic("replies"));
        assertThat(MessageCodec.copyOf(source)).isSameAs(source);

        NatsStreamMessage stream = new NatsStreamMessage();
        stream.writeInt(1);
        stream.writeString("two");
        NatsStreamMessage streamCopy = (NatsStreamMessage) ForeignMessages.copy(stream);
        streamCopy.reset();
        assertThat(streamCopy.readInt()).isEqualTo(1);
        assertThat(streamCopy.readString()).isEqualTo("two");

        NatsBytesMessage bytes = new NatsBytesMessage();
        bytes.writeLong(5);
        NatsBytesMessage bytesCopy = (NatsBytesMessage) ForeignMessages.copy(bytes);
        assertThat(bytesCopy.getBody(byte[].class)).hasSize(8);

        NatsObjectMessage object = new NatsObjectMessage();
        object.setObject("obj");
        assertThat(((NatsObjectMessage) ForeignMessages.copy(object)).getObject()).isEqualTo("obj");
        assertThat(((NatsTextMessage) ForeignMessages.copy(new NatsTextMessage("t"))).getText()).isEqualTo("t");
        assertThat(ForeignMessages.copy(new NatsMessage()).getClass()).isEqualTo(NatsMessage.class);
        assertThat(((NatsMapMessage) foreign).getBody(Map.class)).containsEntry("i", 1);
    }
}
