package io.natsjms.ra;

import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * A producer of a {@link SessionHandle}: it keeps its own settings and sends each message through the
 * pooled connection's current session, so a send inside a container transaction is held until commit and
 * one outside is confirmed at once.
 */
final class ProducerHandle implements MessageProducer, QueueSender, TopicPublisher {

    private final SessionHandle session;
    /** The producer's destination, or null for an anonymous producer. */
    private final Destination destination;
    private volatile int deliveryMode = Message.DEFAULT_DELIVERY_MODE;
    private volatile int priority = Message.DEFAULT_PRIORITY;
    private volatile long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private volatile long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;
    private volatile boolean disableMessageId;
    private volatile boolean disableTimestamp;
    private volatile boolean closed;

    ProducerHandle(SessionHandle session, Destination destination) {
        this.session = session;
        this.destination = destination;
    }

    // ---- settings

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        disableMessageId = value;
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return disableMessageId;
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        disableTimestamp = value;
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return disableTimestamp;
    }

    @Override
    public void setDeliveryMode(int value) throws JMSException {
        checkOpen();
        deliveryMode = checkDeliveryMode(value);
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return deliveryMode;
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkOpen();
        priority = checkPriority(value);
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return priority;
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkOpen();
        timeToLive = value;
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return timeToLive;
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkOpen();
        deliveryDelay = value;
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return deliveryDelay;
    }

    @Override
    public Destination getDestination() throws JMSException {
        checkOpen();
        return destination;
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return destination instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return destination instanceof Topic topic ? topic : null;
    }

    @Override
    public void close() {
        closed = true;
    }

    // ---- sends to the producer's destination

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int messagePriority, long ttl) throws JMSException {
        dispatch(own(), message, mode, messagePriority, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        send(message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Message message, int mode, int messagePriority, long ttl, CompletionListener listener)
            throws JMSException {
        dispatch(own(), message, mode, messagePriority, ttl, requireListener(listener));
    }

    // ---- sends to a given destination (anonymous producers)

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination target, Message message, int mode, int messagePriority, long ttl) throws JMSException {
        dispatch(given(target), message, mode, messagePriority, ttl, null);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive, listener);
    }

    @Override
    public void send(Destination target, Message message, int mode, int messagePriority, long ttl,
                     CompletionListener listener) throws JMSException {
        dispatch(given(target), message, mode, messagePriority, ttl, requireListener(listener));
    }

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int messagePriority, long ttl) throws JMSException {
        send((Destination) queue, message, mode, messagePriority, ttl);
    }

    // ---- TopicPublisher

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int messagePriority, long ttl) throws JMSException {
        send(message, mode, messagePriority, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int messagePriority, long ttl) throws JMSException {
        send(topic, message, mode, messagePriority, ttl);
    }

    // ---- checks

    private void dispatch(Destination target, Message message, int mode, int messagePriority, long ttl,
                          CompletionListener listener) throws JMSException {
        checkOpen();
        ProducerSettings settings = new ProducerSettings(checkDeliveryMode(mode), checkPriority(messagePriority), ttl,
                deliveryDelay, disableMessageId, disableTimestamp);
        session.send(target, message, settings, listener);
    }

    private Destination own() throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("send without a destination on a producer created without one"
                    + " (expected: send(destination, message))");
        }
        return destination;
    }

    private Destination given(Destination target) throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("send(destination, ...) on a producer of " + destination
                    + " (expected: send(message), or a producer created without a destination)");
        }
        if (target == null) {
            throw new InvalidDestinationException("destination: null (expected: a Topic or Queue)");
        }
        return target;
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("completionListener: null (expected: a listener)");
        }
        return listener;
    }

    private static int checkDeliveryMode(int mode) throws JMSException {
        if (mode != DeliveryMode.PERSISTENT && mode != DeliveryMode.NON_PERSISTENT) {
            throw new JMSException("deliveryMode: " + mode + " (expected: PERSISTENT (2) or NON_PERSISTENT (1))");
        }
        return mode;
    }

    private static int checkPriority(int value) throws JMSException {
        if (value < 0 || value > 9) {
            throw new JMSException("priority: " + value + " (expected: 0 to 9)");
        }
        return value;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("producer is closed");
        }
        session.checkOpen();
    }
}
