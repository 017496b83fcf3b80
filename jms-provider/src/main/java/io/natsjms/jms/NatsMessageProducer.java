package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueSender;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import java.util.Objects;

/**
 * Sends messages of one session. A PERSISTENT send returns once the server has stored the message
 * (its PubAck); a NON_PERSISTENT one returns once it is written to the connection; in a transacted
 * session sends wait for the commit. Its options and their checks are a {@link SendOptions}.
 *
 * <p>A producer made by {@link #routed} belongs to no session of its own: each send goes through the
 * session its {@link ProducerRoute} picks at that moment (the resource adapter's pooled sessions).
 */
public final class NatsMessageProducer implements MessageProducer, QueueSender, TopicPublisher {

    /** The session that made this producer; null for a routed producer. */
    private final NatsSession owner;
    private final ProducerRoute route;
    private final NatsDestination destination;
    private final SendOptions options = new SendOptions();
    private volatile boolean closed;

    private NatsMessageProducer(NatsSession owner, ProducerRoute route, NatsDestination destination) {
        this.owner = owner;
        this.route = route;
        this.destination = destination;
    }

    /** A producer of {@code session}, closed with it. */
    static NatsMessageProducer of(NatsSession session, NatsDestination destination) {
        return new NatsMessageProducer(session, new ProducerRoute() {
            @Override
            public void checkOpen() throws JMSException {
                session.checkOpen();
            }

            @Override
            public Session session() {
                return session;
            }
        }, destination);
    }

    /**
     * A producer whose sends go through the session {@code route} picks for each send. It is checked and
     * behaves like any producer of this provider; {@link #close()} only closes it (it waits for no
     * session's pending completions).
     *
     * @param destination the producer's destination, or null for a producer that is given one per send
     * @throws jakarta.jms.InvalidDestinationException for a destination that is neither a Topic nor a Queue
     */
    public static NatsMessageProducer routed(Destination destination, ProducerRoute route) throws JMSException {
        return new NatsMessageProducer(null, Objects.requireNonNull(route, "route"), NatsDestination.from(destination));
    }

    // ---- settings ----

    @Override
    public void setDisableMessageID(boolean value) throws JMSException {
        checkOpen();
        options.disableMessageId(value);
    }

    @Override
    public boolean getDisableMessageID() throws JMSException {
        checkOpen();
        return options.disableMessageId();
    }

    @Override
    public void setDisableMessageTimestamp(boolean value) throws JMSException {
        checkOpen();
        options.disableTimestamp(value);
    }

    @Override
    public boolean getDisableMessageTimestamp() throws JMSException {
        checkOpen();
        return options.disableTimestamp();
    }

    @Override
    public void setDeliveryMode(int value) throws JMSException {
        checkOpen();
        options.deliveryMode(value);
    }

    @Override
    public int getDeliveryMode() throws JMSException {
        checkOpen();
        return options.deliveryMode();
    }

    @Override
    public void setPriority(int value) throws JMSException {
        checkOpen();
        options.priority(value);
    }

    @Override
    public int getPriority() throws JMSException {
        checkOpen();
        return options.priority();
    }

    @Override
    public void setTimeToLive(long value) throws JMSException {
        checkOpen();
        options.timeToLive(value);
    }

    @Override
    public long getTimeToLive() throws JMSException {
        checkOpen();
        return options.timeToLive();
    }

    @Override
    public void setDeliveryDelay(long value) throws JMSException {
        checkOpen();
        options.deliveryDelay(value);
    }

    @Override
    public long getDeliveryDelay() throws JMSException {
        checkOpen();
        return options.deliveryDelay();
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
        if (owner == null) {
            closed = true;
            return;
        }
        if (owner.delivery().isCallbackThread() && !owner.delivery().isListenerThread()) {
            throw new IllegalStateException("producer close() called from a CompletionListener of its session");
        }
        if (!closed) {
            owner.delivery().awaitCompletions(owner.connection().config().pubAckTimeout().multipliedBy(2).toMillis());
        }
        closed = true;
        owner.producerClosed(this);
    }

    void closeForSession() {
        closed = true;
    }

    // ---- sends to the producer's destination ----

    @Override
    public void send(Message message) throws JMSException {
        send(message, options.deliveryMode(), options.priority(), options.timeToLive());
    }

    @Override
    public void send(Message message, int mode, int prio, long ttl) throws JMSException {
        sendToOwn(message, mode, prio, ttl, null);
    }

    @Override
    public void send(Message message, CompletionListener listener) throws JMSException {
        sendToOwn(message, options.deliveryMode(), options.priority(), options.timeToLive(),
                requireListener(listener));
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
        send(target, message, options.deliveryMode(), options.priority(), options.timeToLive());
    }

    @Override
    public void send(Destination target, Message message, int mode, int prio, long ttl) throws JMSException {
        sendTo(target, message, mode, prio, ttl, null);
    }

    @Override
    public void send(Destination target, Message message, CompletionListener listener) throws JMSException {
        sendTo(target, message, options.deliveryMode(), options.priority(), options.timeToLive(),
                requireListener(listener));
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
        dispatch(NatsDestination.from(target), message, mode, prio, ttl, listener);
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

    private void dispatch(NatsDestination target, Message message, int mode, int prio, long ttl,
                          CompletionListener listener) throws JMSException {
        if (message == null) {
            throw new MessageFormatException("message: null (expected: a message to send)");
        }
        MessageSender.Settings settings = options.forSend(mode, prio, ttl);
        sessionForSend().send(target, message, settings, listener);
    }

    private NatsSession sessionForSend() throws JMSException {
        if (owner != null) {
            return owner;
        }
        Session session = route.session();
        if (session instanceof NatsSession nats) {
            return nats;
        }
        throw new JMSException("producer route: " + session + " (expected: a session of this provider)");
    }

    private static CompletionListener requireListener(CompletionListener listener) {
        if (listener == null) {
            throw new IllegalArgumentException("completionListener: null (expected: a listener for an asynchronous send)");
        }
        return listener;
    }

    private void checkOpen() throws JMSException {
        if (closed) {
            throw new IllegalStateException("producer is closed");
        }
        route.checkOpen();
    }
}
