package io.natsjms.ra;

import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Moves a message whose deliveries kept failing to the dead-letter channel: the same body, properties,
 * JMSCorrelationID, JMSType, JMSReplyTo and JMSPriority, plus provider-specific properties saying where it
 * came from and why it failed. The copy is sent persistent (confirmed by the server) before the original
 * is acknowledged, so a crash in between duplicates it rather than losing it.
 */
final class DeadLetters {

    /** Why the last delivery failed. */
    static final String REASON = "JMS_natsjms_deadLetterReason";
    /** The channel the message was consumed from. */
    static final String ORIGINAL_DESTINATION = "JMS_natsjms_originalDestination";
    /** The JMSMessageID of the original (sending assigns the copy a new one). */
    static final String ORIGINAL_MESSAGE_ID = "JMS_natsjms_originalMessageID";
    /** The JMSTimestamp of the original. */
    static final String ORIGINAL_TIMESTAMP = "JMS_natsjms_originalTimestamp";
    /** The JMSExpiration of the original (the copy never expires). */
    static final String ORIGINAL_EXPIRATION = "JMS_natsjms_originalExpiration";
    /** How often the original was delivered. */
    static final String DELIVERY_COUNT = "JMS_natsjms_deliveryCount";

    private final String channel;

    /** @param channel the dead-letter channel */
    DeadLetters(String channel) {
        this.channel = channel;
    }

    /** The dead-letter channel. */
    String channel() {
        return channel;
    }

    /**
     * Sends the dead-letter copy of {@code message} with {@code session} (the one that consumed it) and waits
     * for the server's confirmation. The message's properties are rewritten in place.
     */
    void send(Session session, Message message, int deliveryCount, String reason) throws JMSException {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String name : Collections.list(propertyNames(message))) {
            if (!name.startsWith("JMSX")) {
                properties.put(name, message.getObjectProperty(name));
            }
        }
        String origin = name(message.getJMSDestination());
        String messageId = message.getJMSMessageID();
        long timestamp = message.getJMSTimestamp();
        long expiration = message.getJMSExpiration();
        message.clearProperties();
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            message.setObjectProperty(property.getKey(), property.getValue());
        }
        message.setStringProperty(REASON, reason);
        if (origin != null) {
            message.setStringProperty(ORIGINAL_DESTINATION, origin);
        }
        if (messageId != null) {
            message.setStringProperty(ORIGINAL_MESSAGE_ID, messageId);
        }
        message.setLongProperty(ORIGINAL_TIMESTAMP, timestamp);
        message.setLongProperty(ORIGINAL_EXPIRATION, expiration);
        message.setIntProperty(DELIVERY_COUNT, deliveryCount);
        Topic target = session.createTopic(channel);
        MessageProducer producer = session.createProducer(target);
        try {
            producer.send(message, DeliveryMode.PERSISTENT, message.getJMSPriority(), Message.DEFAULT_TIME_TO_LIVE);
        } finally {
            producer.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Enumeration<String> propertyNames(Message message) throws JMSException {
        return (Enumeration<String>) message.getPropertyNames();
    }

    private static String name(Destination destination) throws JMSException {
        if (destination instanceof Queue queue) {
            return queue.getQueueName();
        }
        if (destination instanceof Topic topic) {
            return topic.getTopicName();
        }
        return destination == null ? null : destination.toString();
    }
}
