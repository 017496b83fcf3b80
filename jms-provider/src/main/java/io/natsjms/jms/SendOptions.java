package io.natsjms.jms;

import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;

/**
 * The send options of one producer (delivery mode, priority, time to live, delivery delay, whether to
 * skip the message ID and timestamp), and the one place where they are checked. The classic
 * {@link NatsMessageProducer} (also when the resource adapter hands it out) and the simplified
 * {@link NatsJMSProducer} keep their options here, so both refuse the same values with the same
 * message. Thread-safe: the fields are volatile, each setter writes one of them.
 */
final class SendOptions {

    private volatile int deliveryMode = DeliveryMode.PERSISTENT;
    private volatile int priority = Message.DEFAULT_PRIORITY;
    private volatile long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private volatile long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private volatile boolean disableMessageId;
    private volatile boolean disableTimestamp;

    int deliveryMode() {
        return deliveryMode;
    }

    /** @throws JMSException unless PERSISTENT or NON_PERSISTENT */
    void deliveryMode(int value) throws JMSException {
        deliveryMode = checkDeliveryMode(value);
    }

    int priority() {
        return priority;
    }

    /** @throws JMSException unless 0 to 9 */
    void priority(int value) throws JMSException {
        priority = checkPriority(value);
    }

    long timeToLive() {
        return timeToLive;
    }

    /** Milliseconds; 0 or less means the message never expires. */
    void timeToLive(long value) {
        timeToLive = value;
    }

    long deliveryDelay() {
        return deliveryDelay;
    }

    /** @throws JMSException for a negative delay */
    void deliveryDelay(long value) throws JMSException {
        if (value < 0) {
            throw new JMSException("deliveryDelay: " + value + " (expected: >= 0 ms)");
        }
        deliveryDelay = value;
    }

    boolean disableMessageId() {
        return disableMessageId;
    }

    void disableMessageId(boolean value) {
        disableMessageId = value;
    }

    boolean disableTimestamp() {
        return disableTimestamp;
    }

    void disableTimestamp(boolean value) {
        disableTimestamp = value;
    }

    /**
     * The values of one send: these options, with the delivery mode, priority and time to live the send
     * method was given.
     *
     * @throws JMSException naming an invalid delivery mode or priority
     */
    MessageSender.Settings forSend(int mode, int sendPriority, long ttl) throws JMSException {
        return new MessageSender.Settings(checkDeliveryMode(mode), checkPriority(sendPriority), ttl, deliveryDelay,
                disableMessageId, disableTimestamp);
    }

    private static int checkDeliveryMode(int value) throws JMSException {
        if (value != DeliveryMode.PERSISTENT && value != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("deliveryMode: " + value + " (expected: PERSISTENT (2) or NON_PERSISTENT (1))");
        }
        return value;
    }

    private static int checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority: " + value + " (expected: 0 to 9)");
        }
        return value;
    }
}
