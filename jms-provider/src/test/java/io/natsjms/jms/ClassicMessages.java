package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;

/** Sending and receiving text messages in the classic-API tests. */
final class ClassicMessages {

    /** How long a receive waits for a message that must arrive. */
    static final long ARRIVES = 5000;
    /** How long a receive waits where the expected result is that nothing arrives. */
    static final long NOTHING = 300;

    private ClassicMessages() {
    }

    /** Sends one text message per text, in order, with a new producer of {@code session}. */
    static void send(Session session, Destination destination, String... texts) throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        for (String text : texts) {
            producer.send(session.createTextMessage(text));
        }
        producer.close();
    }

    /** Receives a message that must arrive within {@link #ARRIVES}. */
    static Message receive(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(ARRIVES);
        assertThat(message).as("a message within %d ms", ARRIVES).isNotNull();
        return message;
    }

    /** Receives the next message and returns its text. */
    static String receiveText(MessageConsumer consumer) throws JMSException {
        return text(receive(consumer));
    }

    /** Receives {@code count} messages and returns their texts in arrival order. */
    static List<String> receiveTexts(MessageConsumer consumer, int count) throws JMSException {
        List<String> texts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            texts.add(receiveText(consumer));
        }
        return texts;
    }

    /** Asserts that nothing arrives within {@link #NOTHING}. */
    static void assertNothing(MessageConsumer consumer) throws JMSException {
        Message message = consumer.receive(NOTHING);
        assertThat(message).as("no message expected, got %s", message).isNull();
    }

    static String text(Message message) {
        assertThat(message).isInstanceOf(TextMessage.class);
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }

    /** "text:redelivered:deliveryCount" of a received message, for asserting redelivery sequences. */
    static String delivery(Message message) {
        try {
            return text(message) + ":" + message.getJMSRedelivered() + ":"
                    + message.getIntProperty("JMSXDeliveryCount");
        } catch (JMSException e) {
            throw new AssertionError(e);
        }
    }
}
