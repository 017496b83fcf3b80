package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import io.natsjms.jms.destination.NatsTemporaryDestination;
import io.natsjms.jms.message.MessageSelector;
import io.natsjms.jms.message.NatsMessage;
import io.natsjms.stan.CoreMessage;
import io.natsjms.stan.CoreSubscription;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanSubscription;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageListener;
import jakarta.jms.Queue;
import jakarta.jms.QueueReceiver;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Receives the messages of one subscription. Delivered messages wait in a local buffer (at most the
 * subscription's max-in-flight, the server's window) until the application receives them or its
 * listener runs on the session thread; acknowledgement follows the session's mode.
 */
public class NatsMessageConsumer implements MessageConsumer, QueueReceiver, TopicSubscriber {

    private static final System.Logger LOG = System.getLogger(NatsMessageConsumer.class.getName());

    private final NatsSession session;
    private final ConsumerPlan plan;
    private final MessageBuffer buffer = new MessageBuffer();
    /**
     * Sequences this consumer holds unacknowledged (buffered or consumed): a server redelivery of
     * one of them (its ack wait passed while the application had it) is dropped, not handed out twice.
     */
    private final java.util.Set<Long> held = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final FinishedSequences finished = new FinishedSequences();
    private volatile StanSubscription subscription;
    private CoreSubscription core;
    private TemporaryQueueInbox inbox;
    private volatile MessageListener listener;
    private volatile boolean closed;
    private volatile boolean subscriptionReleased;

    NatsMessageConsumer(NatsSession session, ConsumerPlan plan) {
        this.session = session;
        this.plan = plan;
    }

    /** Subscribes: STAN for channels, core NATS for temporary destinations. */
    void open() throws JMSException {
        NatsDestination destination = plan.destination();
        NatsConnection connection = session.connection();
        if (destination instanceof NatsTemporaryDestination temporary) {
            if (destination.isQueue()) {
                inbox = connection.temporaries().queue(temporary);
                inbox.attach(this);
            } else {
                connection.temporaries().attachTopicConsumer(temporary);
                try {
                    core = connection.stan().subscribeCore(destination.name(), this::arriveCore);
                    connection.stan().flush(Duration.ofSeconds(5));
                } catch (StanException e) {
                    connection.temporaries().detachTopicConsumer(temporary);
                    throw JmsExceptions.of("subscribe to " + destination, e);
                }
            }
            return;
        }
        if (destination.isQueue() && !connection.isStarted()) {
            return;
        }
        subscribeStan();
    }

    /**
     * Joins the STAN subscription. A queue consumer joins its queue's group only once the connection is
     * started: a consumer of a stopped connection must not take queue messages away from running ones.
     */
    private synchronized void subscribeStan() throws JMSException {
        if (subscription != null || closed) {
            return;
        }
        try {
            subscription = session.connection().stan().subscribe(plan.spec(), this::arriveStan);
        } catch (StanException e) {
            throw JmsExceptions.of("subscribe to " + plan.destination(), e);
        }
    }

    // ---- arrival (subscription threads) ----

    private void arriveStan(StanSubscription from, io.natsjms.stan.StanMessage delivered) {
        if (finished.contains(delivered.sequence())) {
            ackAgain(from, delivered.sequence());
            return;
        }
        if (!held.add(delivered.sequence())) {
            return;
        }
        NatsMessage message;
        try {
            message = session.connection().codec().decode(delivered);
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "skipping message " + delivered.sequence() + " of channel " + delivered.channel()
                    + ": it cannot be decoded", e);
            ackQuietly(new Delivered(this, from, delivered.sequence(), null, null));
            return;
        }
        arrive(new Delivered(this, from, delivered.sequence(), message, null));
    }

    /** A core-NATS message of a temporary destination. */
    void arriveCore(CoreMessage delivered) {
        try {
            NatsMessage message = session.connection().codec().decode(delivered);
            arrive(new Delivered(this, null, 0, message, delivered));
        } catch (JMSException | RuntimeException e) {
            LOG.log(Level.WARNING, "skipping a message of " + delivered.subject() + ": it cannot be decoded", e);
        }
    }

    private void arrive(Delivered delivered) {
        if (closed) {
            if (inbox != null) {
                inbox.detach(this, List.of(delivered.core()));
            }
            return;
        }
        NatsMessage message = delivered.message();
        if (isExpired(message) || (plan.noLocal() && session.connection().origin().equals(message.origin()))) {
            ackQuietly(delivered);
            return;
        }
        MessageSelector selector = plan.selector();
        if (selector != null && !selectedByServer(delivered) && !selector.matches(message)) {
            if (plan.destination().isQueue()) {
                settled(delivered.sequence());
            } else {
                ackQuietly(delivered);
            }
            return;
        }
        // a delivery delay is the server's (or, to a temporary destination, the sender's) to keep: a message
        // arrives when it is due, so it is never held here while the server's ack wait runs
        enqueue(delivered);
    }

    /**
     * Whether the server chose this message with the consumer's selector (a queue member of a server
     * with the selective subscription extension): it is not evaluated again, so that a message is
     * never left for others once the server gave it to this consumer.
     */
    private static boolean selectedByServer(Delivered delivered) {
        return delivered.subscription() != null && delivered.subscription().spec().selector() != null;
    }

    private void enqueue(Delivered delivered) {
        delivered.message().setAcknowledger(session::acknowledgeFromMessage);
        if (buffer.add(delivered) && listener != null) {
            session.delivery().schedule(this::dispatchAvailable);
        }
    }

    static boolean isExpired(Message message) {
        try {
            long expiration = message.getJMSExpiration();
            return expiration > 0 && expiration <= System.currentTimeMillis();
        } catch (JMSException e) {
            return false;
        }
    }

    /** {@code sequence} was let go unacknowledged: a later delivery of it is new. */
    void settled(long sequence) {
        held.remove(sequence);
    }

    /** {@code sequence} was acknowledged: a later redelivery of it is acknowledged again, not handed out. */
    void acknowledged(long sequence) {
        finished.acknowledged(sequence);
        held.remove(sequence);
    }

    /**
     * Acknowledges a message the application is done with (or that is not for it); when the ack cannot be
     * sent the sequence stays held and the server's redelivery of it is acknowledged then.
     */
    void ackQuietly(Delivered delivered) {
        try {
            if (buffer.isEmpty()) {
                // nothing more waits for the application: no ack follows soon to go with this one
                delivered.ackWithQueued();
            } else {
                delivered.ack();
            }
        } catch (StanException e) {
            LOG.log(Level.DEBUG, "ack of sequence {0} failed, it is sent again when the server redelivers: {1}",
                    delivered.sequence(), e.getMessage());
            if (delivered.subscription() != null) {
                finished.owed(delivered.sequence());
                held.remove(delivered.sequence());
            }
        }
    }

    private void ackAgain(StanSubscription from, long sequence) {
        try {
            from.ackLater(sequence);
            finished.acknowledged(sequence);
        } catch (StanException e) {
            LOG.log(Level.DEBUG, "ack of redelivered sequence {0} failed: {1}", sequence, e.getMessage());
        }
    }

    // ---- synchronous receive ----

    @Override
    public Message receive() throws JMSException {
        return receiveWithin(Long.MAX_VALUE, null);
    }

    @Override
    public Message receive(long timeout) throws JMSException {
        return receiveWithin(timeout == 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeout)), null);
    }

    @Override
    public Message receiveNoWait() throws JMSException {
        return receiveWithin(0, null);
    }

    /**
     * Waits, at most {@code timeoutMillis}, until a {@link #receive} would return a message at once, and
     * leaves that message where it is. For a resource adapter, which wants to begin a container transaction
     * only when there is a message to deliver in it. A message that expires meanwhile is not handed out by
     * the receive that follows, which then waits as usual.
     *
     * @param timeoutMillis how long to wait at most; 0 checks without waiting
     * @return whether a message is ready; false on timeout or when the consumer or its connection closed
     * @throws JMSException if the consumer is closed, or has a {@code MessageListener}
     */
    public boolean awaitMessage(long timeoutMillis) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener (expected: receive only without one)");
        }
        try {
            return buffer.await(TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis)),
                    session.connection()::isStarted);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    Message receiveIf(long timeout, Class<?> bodyType) throws JMSException {
        long nanos = timeout < 0 ? 0 : timeout == 0 ? Long.MAX_VALUE : TimeUnit.MILLISECONDS.toNanos(timeout);
        return receiveWithin(nanos, bodyType);
    }

    private Message receiveWithin(long nanos, Class<?> bodyType) throws JMSException {
        checkOpen();
        if (listener != null) {
            throw new IllegalStateException("this consumer has a MessageListener (expected: receive only without one)");
        }
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + nanos;
        NatsConnection connection = session.connection();
        while (true) {
            long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - System.nanoTime());
            Delivered delivered;
            try {
                delivered = buffer.take(left, connection::isStarted);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (delivered == null) {
                return null;
            }
            if (isExpired(delivered.message())) {
                ackQuietly(delivered);
                continue;
            }
            if (bodyType != null && !delivered.message().isBodyAssignableTo(bodyType)) {
                buffer.addFirst(List.of(delivered.redelivery()));
                throw new MessageFormatException("the message body is a " + delivered.message().getClass().getSimpleName()
                        + " body (expected: one assignable to " + bodyType.getName() + ")");
            }
            session.consumed(delivered);
            return delivered.message();
        }
    }

    // ---- asynchronous delivery (session thread) ----

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return listener;
    }

    @Override
    public void setMessageListener(MessageListener value) throws JMSException {
        checkOpen();
        listener = value;
        if (value != null && !buffer.isEmpty()) {
            session.delivery().schedule(this::dispatchAvailable);
        }
    }

    /** Hands buffered messages to the listener while the connection is started. */
    void dispatchAvailable() {
        boolean more = true;
        while (more) {
            more = session.delivery().runListener(
                    () -> !closed && listener != null && session.connection().isStarted(),
                    () -> {
                        Delivered delivered = buffer.poll();
                        if (delivered != null) {
                            session.deliverToListener(delivered, listener);
                        }
                    }) && !buffer.isEmpty();
        }
    }

    /** The connection was started: joins a deferred queue subscription, wakes a waiting receive, schedules the listener. */
    void resume() throws JMSException {
        if (plan.spec() != null && !closed) {
            subscribeStan();
        }
        buffer.wake();
        if (listener != null && !buffer.isEmpty()) {
            session.delivery().schedule(this::dispatchAvailable);
        }
    }

    /** Puts consumed messages back in front, redelivered (recover, rollback, a listener's exception). */
    void redeliver(List<Delivered> deliveries) {
        if (closed) {
            returnToInbox(deliveries);
            return;
        }
        List<Delivered> again = new ArrayList<>(deliveries.size());
        deliveries.forEach(delivered -> again.add(delivered.redelivery()));
        buffer.addFirst(again);
        if (listener != null) {
            session.delivery().schedule(this::dispatchAvailable);
        }
    }

    /** Consumed but unsettled temporary-queue messages of a closed consumer wait for the queue's next consumer. */
    void returnToInbox(List<Delivered> deliveries) {
        if (inbox == null || deliveries.isEmpty()) {
            return;
        }
        List<CoreMessage> unconsumed = new ArrayList<>(deliveries.size());
        deliveries.forEach(delivered -> unconsumed.add(delivered.core()));
        inbox.detach(this, unconsumed);
    }

    // ---- identity ----

    @Override
    public String getMessageSelector() throws JMSException {
        checkOpen();
        return plan.selector() == null ? null : plan.selector().text();
    }

    @Override
    public Queue getQueue() throws JMSException {
        checkOpen();
        return plan.destination() instanceof Queue queue ? queue : null;
    }

    @Override
    public Topic getTopic() throws JMSException {
        checkOpen();
        return plan.destination() instanceof Topic topic ? topic : null;
    }

    @Override
    public boolean getNoLocal() throws JMSException {
        checkOpen();
        return plan.noLocal();
    }

    /** How many delivered messages wait for the application. */
    int bufferedCount() {
        return buffer.size();
    }

    ConsumerPlan plan() {
        return plan;
    }

    boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("consumer is closed");
        }
        session.checkOpen();
    }

    // ---- close ----

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        session.delivery().awaitIdle();
        closeLocally();
        session.consumerClosed(this);
    }

    /** Stops delivery: buffered messages are dropped unacknowledged (the server gives them to others). */
    void closeLocally() {
        closed = true;
        List<Delivered> left = buffer.close();
        if (inbox != null) {
            List<CoreMessage> unconsumed = new ArrayList<>(left.size());
            left.forEach(delivered -> unconsumed.add(delivered.core()));
            inbox.detach(this, unconsumed);
        }
        plan.release(session.connection());
    }

    /** Closes the subscription on the server (a durable is kept); once. */
    synchronized void releaseSubscription() {
        if (subscriptionReleased) {
            return;
        }
        subscriptionReleased = true;
        if (core != null) {
            core.close();
            session.connection().temporaries().detachTopicConsumer((NatsTemporaryDestination) plan.destination());
        }
        StanSubscription current = subscription;
        if (current != null) {
            try {
                current.close();
            } catch (StanException e) {
                LOG.log(Level.DEBUG, "closing {0}: {1}", current, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "NatsMessageConsumer[" + plan + "]";
    }
}
