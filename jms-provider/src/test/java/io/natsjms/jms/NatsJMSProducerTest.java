package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.jms.message.NatsBytesMessage;
import io.natsjms.jms.message.NatsMapMessage;
import io.natsjms.jms.message.NatsObjectMessage;
import io.natsjms.jms.message.NatsTextMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationRuntimeException;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatRuntimeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JMSProducer's own state (options, headers, properties) and what a send hands the classic producer. */
class NatsJMSProducerTest {

    private final ClassicApiDouble classic = new ClassicApiDouble();
    private final JMSContext context = new NatsJMSContext(classic.connection(), JMSContext.AUTO_ACKNOWLEDGE);
    private final JMSProducer producer = context.createProducer();

    @Test
    void startsWithTheJmsDefaults() {
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(4);
        assertThat(producer.getTimeToLive()).isZero();
        assertThat(producer.getDeliveryDelay()).isZero();
        assertThat(producer.getDisableMessageID()).isFalse();
        assertThat(producer.getDisableMessageTimestamp()).isFalse();
        assertThat(producer.getAsync()).isNull();
        assertThat(producer.getJMSCorrelationID()).isNull();
        assertThat(producer.getJMSCorrelationIDAsBytes()).isNull();
        assertThat(producer.getJMSType()).isNull();
        assertThat(producer.getJMSReplyTo()).isNull();
        assertThat(producer.getPropertyNames()).isEmpty();
    }

    @Test
    void everySetterReturnsTheProducerAndIsReadBack() {
        CompletionListener listener = new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        };
        NatsChannelQueue replyTo = queue("replies");

        assertThat(producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT)).isSameAs(producer);
        assertThat(producer.setPriority(9)).isSameAs(producer);
        assertThat(producer.setTimeToLive(1234)).isSameAs(producer);
        assertThat(producer.setDeliveryDelay(56)).isSameAs(producer);
        assertThat(producer.setDisableMessageID(true)).isSameAs(producer);
        assertThat(producer.setDisableMessageTimestamp(true)).isSameAs(producer);
        assertThat(producer.setAsync(listener)).isSameAs(producer);
        assertThat(producer.setJMSType("t")).isSameAs(producer);
        assertThat(producer.setJMSReplyTo(replyTo)).isSameAs(producer);
        assertThat(producer.setJMSCorrelationID("c")).isSameAs(producer);
        assertThat(producer.setProperty("p", 1)).isSameAs(producer);
        assertThat(producer.clearProperties()).isSameAs(producer);

        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.NON_PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(9);
        assertThat(producer.getTimeToLive()).isEqualTo(1234);
        assertThat(producer.getDeliveryDelay()).isEqualTo(56);
        assertThat(producer.getDisableMessageID()).isTrue();
        assertThat(producer.getDisableMessageTimestamp()).isTrue();
        assertThat(producer.getAsync()).isSameAs(listener);
        assertThat(producer.getJMSType()).isEqualTo("t");
        assertThat(producer.getJMSReplyTo()).isSameAs(replyTo);
        assertThat(producer.getJMSCorrelationID()).isEqualTo("c");
    }

    @Test
    void refusesAnInvalidDeliveryModePriorityOrDelayAndKeepsTheOldValue() {
        assertThatThrownBy(() -> producer.setDeliveryMode(3)).isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("deliveryMode: 3");
        assertThatThrownBy(() -> producer.setPriority(10)).isInstanceOf(JMSRuntimeException.class)
                .hasMessageContaining("priority: 10");
        assertThatThrownBy(() -> producer.setPriority(-1)).isInstanceOf(JMSRuntimeException.class);
        assertThatThrownBy(() -> producer.setDeliveryDelay(-1)).isInstanceOf(JMSRuntimeException.class)
                .hasMessage("deliveryDelay: -1 (expected: >= 0 ms)");
        assertThat(producer.getDeliveryMode()).isEqualTo(DeliveryMode.PERSISTENT);
        assertThat(producer.getPriority()).isEqualTo(4);
        assertThat(producer.getDeliveryDelay()).isZero();
    }

    @Test
    void correlationIdConvertsBetweenBytesAndString() {
        byte[] bytes = "id-ü".getBytes(StandardCharsets.UTF_8);
        producer.setJMSCorrelationIDAsBytes(bytes);
        bytes[0] = 'X';

        assertThat(producer.getJMSCorrelationIDAsBytes()).isEqualTo("id-ü".getBytes(StandardCharsets.UTF_8));
        assertThat(producer.getJMSCorrelationID()).isEqualTo("id-ü");
        producer.setJMSCorrelationID("abc");
        assertThat(producer.getJMSCorrelationIDAsBytes()).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void propertiesKeepTheirTypeAndConvertAsMessagePropertiesDo() {
        producer.setProperty("b", true).setProperty("y", (byte) 1).setProperty("s", (short) 2)
                .setProperty("i", 3).setProperty("l", 4L).setProperty("f", 5.5f).setProperty("d", 6.5)
                .setProperty("str", "7").setProperty("o", (Object) Integer.valueOf(8));

        assertThat(producer.getObjectProperty("y")).isEqualTo((byte) 1);
        assertThat(producer.getObjectProperty("o")).isEqualTo(8);
        assertThat(producer.getLongProperty("i")).isEqualTo(3L);
        assertThat(producer.getIntProperty("s")).isEqualTo(2);
        assertThat(producer.getShortProperty("y")).isEqualTo((short) 1);
        assertThat(producer.getDoubleProperty("f")).isEqualTo(5.5);
        assertThat(producer.getStringProperty("d")).isEqualTo("6.5");
        assertThat(producer.getStringProperty("b")).isEqualTo("true");
        assertThat(producer.getIntProperty("str")).isEqualTo(7);
        assertThat(producer.getBooleanProperty("b")).isTrue();
        assertThat(producer.getFloatProperty("f")).isEqualTo(5.5f);
        assertThat(producer.getByteProperty("y")).isEqualTo((byte) 1);
        assertThat(producer.propertyExists("l")).isTrue();
        assertThat(producer.propertyExists("none")).isFalse();
    }

    @Test
    void impossibleConversionsAreMessageFormatErrorsAndBadNumbersNumberFormatErrors() {
        producer.setProperty("l", 4L).setProperty("b", true).setProperty("text", "x");

        assertThatThrownBy(() -> producer.getIntProperty("l")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getLongProperty("b")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getBooleanProperty("l")).isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.getIntProperty("text")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> producer.getIntProperty("missing")).isInstanceOf(NumberFormatException.class);
        assertThat(producer.getBooleanProperty("missing")).isFalse();
        assertThat(producer.getStringProperty("missing")).isNull();
        assertThat(producer.getObjectProperty("missing")).isNull();
    }

    @Test
    void refusesBadPropertyNamesAndValueTypes() {
        assertThatThrownBy(() -> producer.setProperty(null, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> producer.setProperty("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> producer.setProperty("p", new ArrayList<>()))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThat(producer.getPropertyNames()).isEmpty();
    }

    @Test
    void propertyNamesAreAnUnmodifiableSetInSettingOrderUntilCleared() {
        producer.setProperty("z", 1).setProperty("a", 2).setProperty("z", 3);

        assertThat(producer.getPropertyNames()).containsExactly("z", "a");
        assertThatThrownBy(() -> producer.getPropertyNames().add("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        producer.clearProperties();
        assertThat(producer.getPropertyNames()).isEmpty();
        assertThat(producer.propertyExists("z")).isFalse();
    }

    @Test
    void aSendPutsHeadersAndPropertiesOnTheMessageAndHandsTheOptionsToTheClassicProducer() throws Exception {
        NatsChannelTopic topic = topic("t");
        NatsChannelQueue replyTo = queue("r");
        producer.setProperty("color", "red").setProperty("n", 5).setJMSType("kind").setJMSReplyTo(replyTo)
                .setJMSCorrelationIDAsBytes(new byte[] {1, 2}).setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                .setPriority(7).setTimeToLive(1000).setDeliveryDelay(20).setDisableMessageTimestamp(true);

        producer.send(topic, "hello");

        ClassicApiDouble.Call send = classic.last("producer.send");
        NatsTextMessage sent = (NatsTextMessage) send.args().get(1);
        assertThat(send.args()).hasSize(5).containsSequence(topic, sent, DeliveryMode.NON_PERSISTENT, 7, 1000L);
        assertThat(sent.getText()).isEqualTo("hello");
        assertThat(sent.getStringProperty("color")).isEqualTo("red");
        assertThat(sent.getObjectProperty("n")).isEqualTo(5);
        assertThat(sent.getJMSType()).isEqualTo("kind");
        assertThat(sent.getJMSReplyTo()).isSameAs(replyTo);
        assertThat(sent.getJMSCorrelationIDAsBytes()).containsExactly(1, 2);
        assertThat(classic.last("producer.setDeliveryDelay").args()).containsExactly(20L);
        assertThat(classic.last("producer.setDisableMessageTimestamp").args()).containsExactly(true);
        assertThat(classic.last("producer.setDisableMessageID").args()).containsExactly(false);
        assertThat(classic.last("session.createProducer").args()).containsExactly((Object) null);
    }

    @Test
    void eachBodyKindMakesItsMessageType() throws Exception {
        NatsChannelTopic topic = topic("t");

        producer.send(topic, Map.of("k", 1));
        assertThat(((NatsMapMessage) sentMessage()).getInt("k")).isEqualTo(1);
        producer.send(topic, new byte[] {9, 8});
        NatsBytesMessage bytes = (NatsBytesMessage) sentMessage();
        bytes.reset();
        assertThat(bytes.getBodyLength()).isEqualTo(2);
        producer.send(topic, (java.io.Serializable) List.of("x"));
        assertThat(((NatsObjectMessage) sentMessage()).getObject()).isEqualTo(List.of("x"));
        producer.send(topic, (String) null);
        assertThat(((NatsTextMessage) sentMessage()).getText()).isNull();
        producer.send(topic, (byte[]) null);
        assertThat(sentMessage()).isInstanceOf(NatsBytesMessage.class);
        producer.send(topic, (Map<String, Object>) null);
        assertThat(((NatsMapMessage) sentMessage()).getMapNames().hasMoreElements()).isFalse();
    }

    @Test
    void aNullMessageOrDestinationFailsBeforeAnythingIsSent() {
        producer.setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        });

        assertThatThrownBy(() -> producer.send(topic("t"), (Message) null))
                .isInstanceOf(MessageFormatRuntimeException.class);
        assertThatThrownBy(() -> producer.send(null, "x")).isInstanceOf(InvalidDestinationRuntimeException.class);
        assertThat(classic.callNames()).doesNotContain("producer.send");
    }

    @Test
    void anAsyncSendHandsTheClassicProducerACompletionListener() {
        producer.setAsync(new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
            }

            @Override
            public void onException(Message message, Exception exception) {
            }
        });

        producer.send(topic("t"), "x");

        assertThat(classic.last("producer.send").args()).hasSize(6).last().isInstanceOf(CompletionListener.class);
    }

    @Test
    void aProducerOfAClosedContextRefusesToSend() {
        context.close();

        assertThatThrownBy(() -> producer.send(topic("t"), "x"))
                .isInstanceOf(jakarta.jms.IllegalStateRuntimeException.class);
    }

    private static NatsChannelTopic topic(String name) {
        try {
            return new NatsChannelTopic(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static NatsChannelQueue queue(String name) {
        try {
            return new NatsChannelQueue(name);
        } catch (jakarta.jms.JMSException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Message sentMessage() {
        return (Message) classic.last("producer.send").args().get(1);
    }
}
