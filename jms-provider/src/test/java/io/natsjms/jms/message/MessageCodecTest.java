package io.natsjms.jms.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.jms.destination.StanQueue;
import io.natsjms.jms.destination.StanTemporaryQueue;
import io.natsjms.jms.destination.StanTopic;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageNotWriteableException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final StanDeliveryInfo FIRST = new StanDeliveryInfo(12, "orders", 5_000_000_000L, false, 0);
    private final MessageCodec codec = new MessageCodec(CodecOptions.defaults());

    private StanMessage roundTrip(StanMessage message) throws Exception {
        return codec.decode(codec.encode(message), FIRST);
    }

    @Test
    void headersTravel() throws Exception {
        StanMessage m = new StanMessage();
        m.setJMSMessageID("ID:guid-1");
        m.setJMSTimestamp(1234);
        m.setJMSCorrelationID("corr");
        m.setJMSType("type");
        m.setJMSDeliveryMode(DeliveryMode.NON_PERSISTENT);
        m.setJMSPriority(8);
        m.setJMSExpiration(99);
        m.setJMSDeliveryTime(77);
        m.setJMSDestination(new StanQueue("work"));
        m.setJMSReplyTo(new StanTemporaryQueue("_INBOX.x1", null));
        StanMessage r = roundTrip(m);
        assertThat(r.getClass()).isEqualTo(StanMessage.class);
        assertThat(r.getJMSMessageID()).isEqualTo("ID:guid-1");
        assertThat(r.getJMSTimestamp()).isEqualTo(1234);
        assertThat(r.getJMSCorrelationID()).isEqualTo("corr");
        assertThat(r.getJMSType()).isEqualTo("type");
        assertThat(r.getJMSDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(r.getJMSPriority()).isEqualTo(8);
        assertThat(r.getJMSExpiration()).isEqualTo(99);
        assertThat(r.getJMSDeliveryTime()).isEqualTo(77);
        assertThat(r.getJMSDestination()).isEqualTo(new StanQueue("work"));
        assertThat(r.getJMSReplyTo()).isEqualTo(new StanTemporaryQueue("_INBOX.x1", null));
        assertThat(r.getJMSRedelivered()).isFalse();
        assertThat(r.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void bytesCorrelationIdAndAbsentHeaders() throws Exception {
        StanMessage m = new StanMessage();
        m.setJMSCorrelationIDAsBytes(new byte[] {1, 2});
        StanMessage r = roundTrip(m);
        assertThat(r.getJMSCorrelationIDAsBytes()).containsExactly(1, 2);
        assertThat(r.getJMSMessageID()).isNull();
        assertThat(r.getJMSType()).isNull();
        assertThat(r.getJMSReplyTo()).isNull();
        assertThat(r.getJMSDestination()).isNull();
    }

    @Test
    void everyPropertyTypeKeepsItsJavaType() throws Exception {
        StanMessage m = new StanMessage();
        m.setBooleanProperty("bo", true);
        m.setByteProperty("by", (byte) -1);
        m.setShortProperty("sh", (short) -2);
        m.setIntProperty("it", -3);
        m.setLongProperty("lo", Long.MIN_VALUE);
        m.setFloatProperty("fl", 1.5f);
        m.setDoubleProperty("do", -2.25);
        m.setStringProperty("st", "ünï");
        m.setStringProperty("nu", null);
        StanMessage r = roundTrip(m);
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
        assertThat(((StanTextMessage) roundTrip(new StanTextMessage("héllo"))).getText()).isEqualTo("héllo");
        assertThat(((StanTextMessage) roundTrip(new StanTextMessage())).getText()).isNull();
        StanMessage r = roundTrip(new StanTextMessage(""));
        assertThat(((StanTextMessage) r).getText()).isEmpty();
        assertThatThrownBy(() -> ((StanTextMessage) r).setText("x")).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void bytesBodyArrivesInReadMode() throws Exception {
        StanBytesMessage m = new StanBytesMessage();
        m.writeInt(42);
        m.writeUTF("x");
        StanBytesMessage r = (StanBytesMessage) roundTrip(m);
        assertThat(r.getBodyLength()).isEqualTo(7);
        assertThat(r.readInt()).isEqualTo(42);
        assertThat(r.readUTF()).isEqualTo("x");
        assertThatThrownBy(() -> r.writeInt(1)).isInstanceOf(MessageNotWriteableException.class);
    }

    @Test
    void mapBodyKeepsTypes() throws Exception {
        StanMapMessage m = new StanMapMessage();
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
        StanMapMessage r = (StanMapMessage) roundTrip(m);
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
        StanStreamMessage m = new StanStreamMessage();
        List<Object> items = java.util.Arrays.asList(true, (byte) 1, (short) 2, 'c', 3, 4L, 5f, 6.0, "s", null);
        for (Object item : items) {
            m.writeObject(item);
        }
        m.writeBytes(new byte[] {9});
        StanStreamMessage r = (StanStreamMessage) roundTrip(m);
        for (Object item : items) {
            assertThat(r.readObject()).isEqualTo(item);
        }
        assertThat((byte[]) r.readObject()).containsExactly(9);
    }

    @Test
    void objectBodyAndAllowListFromOptions() throws Exception {
        StanObjectMessage m = new StanObjectMessage();
        m.setObject(new StanObjectMessageTest.Order("o", 1));
        StanObjectMessage refused = (StanObjectMessage) roundTrip(m);
        assertThatThrownBy(refused::getObject).isInstanceOf(MessageFormatException.class);
        MessageCodec trusting = new MessageCodec(
                new CodecOptions(false, ClassAllowList.defaultsPlus(StanObjectMessageTest.Order.class.getName())));
        StanObjectMessage accepted = (StanObjectMessage) trusting.decode(codec.encode(m), FIRST);
        assertThat(accepted.getObject()).isEqualTo(new StanObjectMessageTest.Order("o", 1));
        assertThat(((StanObjectMessage) roundTrip(new StanObjectMessage())).getObject()).isNull();
    }

    @Test
    void redeliveryInfo() throws Exception {
        StanMessage r = codec.decode(codec.encode(new StanMessage()),
                new StanDeliveryInfo(1, "orders", 0, true, 2));
        assertThat(r.getJMSRedelivered()).isTrue();
        assertThat(r.getIntProperty("JMSXDeliveryCount")).isEqualTo(3);
    }

    @Test
    void nonEnvelopePayloadIsBytesMessage() throws Exception {
        byte[] payload = "{\"plain\":true}".getBytes(StandardCharsets.UTF_8);
        StanMessage r = codec.decode(payload, FIRST);
        assertThat(r).isInstanceOf(StanBytesMessage.class);
        assertThat(r.getBody(byte[].class)).isEqualTo(payload);
        assertThat(r.getJMSMessageID()).isEqualTo("ID:STAN:orders:12");
        assertThat(r.getJMSTimestamp()).isEqualTo(5000);
        assertThat(r.getJMSDestination()).isEqualTo(new StanTopic("orders"));
        assertThat(r.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void nonEnvelopePayloadAsText() throws Exception {
        MessageCodec text = new MessageCodec(new CodecOptions(true, ClassAllowList.defaults()));
        StanMessage r = text.decode("hello".getBytes(StandardCharsets.UTF_8), FIRST);
        assertThat(((StanTextMessage) r).getText()).isEqualTo("hello");
        assertThat(((StanTextMessage) text.decode(new byte[0], FIRST)).getText()).isEmpty();
    }

    @Test
    void payloadsThatOnlyLookLikeAnEnvelopeAreNotOne() throws Exception {
        byte[] magicOnly = {(byte) 0x89, 'J', 'M', 'S'};
        byte[] wrongVersion = {(byte) 0x89, 'J', 'M', 'S', 2, 8, 2};
        byte[] garbage = {(byte) 0x89, 'J', 'M', 'S', 1, (byte) 0xff, (byte) 0xff, (byte) 0xff};
        byte[] noBodyType = {(byte) 0x89, 'J', 'M', 'S', 1};
        for (byte[] payload : List.of(magicOnly, wrongVersion, garbage, noBodyType, new byte[0])) {
            StanMessage r = codec.decode(payload, FIRST);
            assertThat(r).isInstanceOf(StanBytesMessage.class);
            assertThat(((StanBytesMessage) r).getBodyLength()).isEqualTo(payload.length);
        }
    }

    @Test
    void rawBodies() throws Exception {
        assertThat(codec.encodeRawBody(new StanTextMessage("hé"))).isEqualTo("hé".getBytes(StandardCharsets.UTF_8));
        StanBytesMessage bytes = new StanBytesMessage();
        bytes.writeBytes(new byte[] {1, 2});
        assertThat(codec.encodeRawBody(bytes)).containsExactly(1, 2);
        assertThat(codec.encodeRawBody(new StanMessage())).isEmpty();
        assertThatThrownBy(() -> codec.encodeRawBody(new StanMapMessage())).isInstanceOf(MessageFormatException.class)
                .hasMessageContaining("StanMapMessage");
        // a raw text payload reaches a JMS consumer as a plain payload
        StanMessage r = new MessageCodec(new CodecOptions(true, ClassAllowList.defaults()))
                .decode(codec.encodeRawBody(new StanTextMessage("raw")), FIRST);
        assertThat(((StanTextMessage) r).getText()).isEqualTo("raw");
    }

    @Test
    void copyOfForeignMessages() throws Exception {
        StanMapMessage source = new StanMapMessage();
        source.setInt("i", 1);
        source.setStringProperty("p", "v");
        source.setJMSType("t");
        source.setJMSReplyTo(new StanTopic("replies"));
        StanMessage foreign = ForeignMessages.copy(source);
        assertThat(foreign).isNotSameAs(source).isInstanceOf(StanMapMessage.class);
        assertThat(((StanMapMessage) foreign).getInt("i")).isEqualTo(1);
        assertThat(foreign.getStringProperty("p")).isEqualTo("v");
        assertThat(foreign.getJMSType()).isEqualTo("t");
        assertThat(foreign.getJMSReplyTo()).isEqualTo(new StanTopic("replies"));
        assertThat(MessageCodec.copyOf(source)).isSameAs(source);

        StanStreamMessage stream = new StanStreamMessage();
        stream.writeInt(1);
        stream.writeString("two");
        StanStreamMessage streamCopy = (StanStreamMessage) ForeignMessages.copy(stream);
        streamCopy.reset();
        assertThat(streamCopy.readInt()).isEqualTo(1);
        assertThat(streamCopy.readString()).isEqualTo("two");

        StanBytesMessage bytes = new StanBytesMessage();
        bytes.writeLong(5);
        StanBytesMessage bytesCopy = (StanBytesMessage) ForeignMessages.copy(bytes);
        assertThat(bytesCopy.getBody(byte[].class)).hasSize(8);

        StanObjectMessage object = new StanObjectMessage();
        object.setObject("obj");
        assertThat(((StanObjectMessage) ForeignMessages.copy(object)).getObject()).isEqualTo("obj");
        assertThat(((StanTextMessage) ForeignMessages.copy(new StanTextMessage("t"))).getText()).isEqualTo("t");
        assertThat(ForeignMessages.copy(new StanMessage()).getClass()).isEqualTo(StanMessage.class);
        assertThat(((StanMapMessage) foreign).getBody(Map.class)).containsEntry("i", 1);
    }
}
