package io.natsjms.jms;

import io.natsjms.jms.destination.StanDestination;
import jakarta.jms.CompletionListener;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;

/**
 * Sends messages of one session. A PERSISTENT send returns once the server has stored the message
 * (its PubAck); a NON_PERSISTENT one returns once it is written to the connection; in a transacted
 * session sends wait for the commit.
 */
public final class NatsMessageProducer implements MessageProducer, QueueSender, TopicPublisher {

    private final NatsSession session;
    private final StanDestination destination;
    private volatile boolean closed;
    private boolean disableMessageId;
    private boolean disableTimestamp;
    private int deliveryMode = DeliveryMode.PERSISTENT;
    private int priority = Message.DEFAULT_PRIORITY;
    private long timeToLive = Message.DEFAULT_TIME_TO_LIVE;
    private long deliveryDelay = Message.DEFAULT_DELIVERY_DELAY;

    NatsMessageProducer(NatsSession session, StanDestination destination) {
        this.session = session;
        this.destination = destination;
    }

    // ---- settings ----

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
        if (value < 0) {
            throw new JMSException("deliveryDelay: " + value + " (expected: >= 0 ms)");
        }
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
    public void close() throws JMSException {
        if (session.delivery().isCallbackThread() && !session.delivery().isListenerThread()) {
            throw new IllegalStateException("producer close() called from a CompletionListener of its session");
        }
        if (!closed) {
            session.delivery().awaitCompletions(session.connection().config().pubAckTimeout().multipliedBy(2).toMillis());
        }
        closed = true;
        session.producerClosed(this);
    }

    void closeForSession() {
        closed = true;
    }

    // ---- sends to the producer's destination ----

    @Override
    public void send(Message message) throws JMSException {
        send(message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        sendToOwn(message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        sendToOwn(message, deliveryMode, priority, timeToLive, requireListener(listener));
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl, CompletionListener listener) throws JMSException {
        sendToOwn(message, mode, prio, ttl, requireListener(listener));
    }

    private void sendToOwn(Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        checkOpen();
        if (destination == null) {
            throw new UnsupportedOperationException("this producer has no destination (expected: a send method"
                    + " that takes one)");
        }
        dispatch(destination, message, mode, prio, ttl, listener);
    }

    // ---- sends to a given destination ----

    @Override
    public void send(Destination target, Message message) throws JMSException {
        send(target, message, deliveryMode, priority, timeToLive);
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl) throws JMSException {
        sendTo(target, message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        sendTo(target, message, deliveryMode, priority, timeToLive, requireListener(listener));
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        sendTo(target, message, mode, prio, ttl, requireListener(listener));
    }

    private void sendTo(Destination target, Message message, int mode, int prio, long ttl, CompletionListener listener)
            throws JMSException {
        checkOpen();
        if (destination != null) {
            throw new UnsupportedOperationException("this producer sends to " + destination
                    + " (expected: a send method without a destination)");
        }
        if (target == null) {
            throw new InvalidDestinationException("destination: null (expected: a Topic or Queue)");
        }
        dispatch(StanDestination.from(target), message, mode, prio, ttl, listener);
    }

    // ---- QueueSender / TopicPublisher ----

    @Override
    public void send(Queue queue, Message message) throws JMSException {
        send((Destination) queue, message);
    }

    @Override
    public void send(Queue queue, Message message, int mode, int prio, long ttl) throws JMSException {
        send((Destination) queue, message, mode, prio, ttl);
    }

    @Override
    public void publish(Message message) throws JMSException {
        send(message);
    }

    @Override
    public void publish(Message message, int mode, int prio, long ttl) throws JMSException {
        send(message, mode, prio, ttl);
    }

    @Override
    public void publish(Topic topic, Message message) throws JMSException {
        send(topic, message);
    }

    @Override
    public void publish(Topic topic, Message message, int mode, int prio, long ttl) throws JMSException {
        send(topic, message, mode, prio, ttl);
    }

    // ---- the send ----

    private void dispatch(StanDestination target, Message message, int mode, int prio, long ttl,
                          CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("message: null (expected: a message to send)");
        }
        MessageSender.Settings settings = new MessageSender.Settings(checkDeliveryMode(mode), checkPriority(prio), ttl,
                deliveryDelay, disableMessageId, disableTimestamp);
        session.send(target, message, settings, listener);
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("completionListener: null (expected: a listener for an asynchronous send)");
        }
        return listener;
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

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("producer is closed");
        }
        session.checkOpen();
    }
}
