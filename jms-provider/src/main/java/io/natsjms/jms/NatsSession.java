package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.jms.message.MessageSelector;
import io.natsjms.jms.message.NatsBytesMessage;
import io.natsjms.jms.message.NatsMapMessage;
import io.natsjms.jms.message.NatsMessage;
import io.natsjms.jms.message.NatsObjectMessage;
import io.natsjms.jms.message.NatsStreamMessage;
import io.natsjms.jms.message.NatsTextMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.CompletionListener;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A JMS session: creates messages, producers and consumers. What its producers send goes through
 * {@link SessionSends}, what its consumers received is settled according to its mode by {@link SessionAcks},
 * and a transacted session commits both with {@link SessionTransaction}. Listeners run one at a time on the
 * session's thread.
 */
public sealed class NatsSession implements Session, QueueSession, TopicSession permits NatsXASession {

    private final NatsConnection connection;
    private final boolean transacted;
    private final int mode;
    private final SessionKind kind;
    private final SessionDelivery delivery = new SessionDelivery();
    private final SessionAcks acks;
    private final SessionSends sends;
    private final SessionTransaction transaction;
    private final List<NatsMessageConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<NatsMessageProducer> producers = new CopyOnWriteArrayList<>();
    private final List<QueueBrowser> browsers = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    NatsSession(NatsConnection connection, boolean transacted, int mode, SessionKind kind) {
        this.connection = connection;
        this.kind = kind;
        this.transacted = transacted;
        this.mode = mode;
        this.acks = new SessionAcks(this);
        this.sends = new SessionSends(this, new MessageSender(connection));
        this.transaction = new SessionTransaction(sends, acks);
    }

    // ---- messages ----

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        checkOpen();
        return new NatsBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        checkOpen();
        return new NatsMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        checkOpen();
        return new NatsMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        checkOpen();
        return new NatsObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        checkOpen();
        NatsObjectMessage message = new NatsObjectMessage();
        message.setObject(object);
        return message;
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        checkOpen();
        return new NatsStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        checkOpen();
        return new NatsTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        checkOpen();
        return new NatsTextMessage(text);
    }

    // ---- transactions and acknowledgement ----

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return transacted;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return mode;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        requireTransacted("commit");
        refuseFromCompletionListener("commit");
        transaction.commit();
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        requireTransacted("rollback");
        refuseFromCompletionListener("rollback");
        transaction.rollback();
    }

    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (transacted) {
            throw new IllegalStateException("recover() in a transacted session (expected: rollback())");
        }
        acks.recover();
    }

    private void requireTransacted(String operation) throws IllegalStateException {
        if (!transacted) {
            throw new IllegalStateException(operation + "() in a session that is not transacted (acknowledge mode "
                    + mode + ")");
        }
    }

    private void refuseFromCompletionListener(String operation) throws IllegalStateException {
        if (delivery.isCallbackThread() && !delivery.isListenerThread()) {
            throw new IllegalStateException(operation + "() called from a CompletionListener of this session");
        }
    }

    /** {@link Message#acknowledge()} of a message this session delivered. */
    void acknowledgeFromMessage(NatsMessage message) throws JMSException {
        if (closed) {
            throw new IllegalStateException("acknowledge(): the session that received the message is closed");
        }
        connection.checkOpen();
        if (mode == Session.CLIENT_ACKNOWLEDGE) {
            acks.acknowledgeAll();
        }
    }

    // ---- producers ----

    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        checkOpen();
        NatsMessageProducer producer = NatsMessageProducer.of(this, NatsDestination.from(destination));
        producers.add(producer);
        return producer;
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    /** A producer's send: published now, or held until commit. */
    void send(NatsDestination target, Message message, MessageSender.Settings settings, CompletionListener listener)
            throws JMSException {
        checkOpen();
        sends.send(target, message, settings, listener);
    }

    void producerClosed(NatsMessageProducer producer) {
        producers.remove(producer);
    }

    // ---- consumers ----

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return createConsumer(destination, null, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector) throws JMSException {
        return createConsumer(destination, selector, false);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String selector, boolean noLocal)
            throws JMSException {
        checkOpen();
        NatsDestination target = requireDestination(destination);
        return open(ConsumerPlans.plain(connection, target, MessageSelector.compile(selector), noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name) throws JMSException {
        return createSharedConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        kind.requireTopics("createSharedConsumer");
        return open(ConsumerPlans.shared(connection, requireTopic(topic), name, MessageSelector.compile(selector), false));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        checkOpen();
        kind.requireTopics("createDurableSubscriber");
        return open(ConsumerPlans.durable(connection, requireTopic(topic), name, MessageSelector.compile(selector),
                noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return createDurableSubscriber(topic, name, null, false);
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String selector, boolean noLocal)
            throws JMSException {
        return createDurableSubscriber(topic, name, selector, noLocal);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return createSharedDurableConsumer(topic, name, null);
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String selector) throws JMSException {
        checkOpen();
        kind.requireTopics("createSharedDurableConsumer");
        return open(ConsumerPlans.shared(connection, requireTopic(topic), name, MessageSelector.compile(selector), true));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return (QueueReceiver) createConsumer(queue);
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String selector) throws JMSException {
        return (QueueReceiver) createConsumer(queue, selector);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return (TopicSubscriber) createConsumer(topic);
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String selector, boolean noLocal) throws JMSException {
        return (TopicSubscriber) createConsumer(topic, selector, noLocal);
    }

    private NatsMessageConsumer open(ConsumerPlan plan) throws JMSException {
        NatsMessageConsumer consumer = new NatsMessageConsumer(this, plan);
        try {
            consumer.open();
        } catch (JMSException | RuntimeException e) {
            plan.release(connection);
            throw e;
        }
        consumers.add(consumer);
        return consumer;
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        checkOpen();
        kind.requireTopics("unsubscribe");
        ConsumerPlans.unsubscribe(connection, name);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return createBrowser(queue, null);
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String selector) throws JMSException {
        checkOpen();
        kind.requireQueues("createBrowser");
        if (queue == null) {
            throw new InvalidDestinationException("queue: null (expected: a Queue to browse)");
        }
        NatsDestination target = NatsDestination.from(queue);
        if (!(target instanceof NatsChannelQueue stanQueue)) {
            throw new InvalidDestinationException(queue + ": cannot be browsed (expected: a queue, not a temporary one)");
        }
        MessageSelector compiled = MessageSelector.compile(selector);
        QueueBrowser[] holder = new QueueBrowser[1];
        holder[0] = new NatsQueueBrowser(connection.stan(), stanQueue, compiled, connection.codec(),
                QueueGroups.durableName(stanQueue), QueueGroups.group(stanQueue), () -> browsers.remove(holder[0]));
        browsers.add(holder[0]);
        return holder[0];
    }

    /** A consumer closed: its server subscription goes once what it delivered is settled. */
    void consumerClosed(NatsMessageConsumer consumer) {
        consumers.remove(consumer);
        acks.release(consumer);
    }

    // ---- destinations ----

    @Override
    public Queue createQueue(String name) throws JMSException {
        checkOpen();
        kind.requireQueues("createQueue");
        return new NatsChannelQueue(name);
    }

    @Override
    public Topic createTopic(String name) throws JMSException {
        checkOpen();
        kind.requireTopics("createTopic");
        return new NatsChannelTopic(name);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        checkOpen();
        kind.requireQueues("createTemporaryQueue");
        return connection.temporaries().createQueue();
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        checkOpen();
        kind.requireTopics("createTemporaryTopic");
        return connection.temporaries().createTopic();
    }

    private static NatsDestination requireDestination(Destination destination) throws JMSException {
        if (destination == null) {
            throw new InvalidDestinationException("destination: null (expected: a Topic or Queue)");
        }
        return NatsDestination.from(destination);
    }

    private static NatsChannelTopic requireTopic(Topic topic) throws JMSException {
        if (topic == null) {
            throw new InvalidDestinationException("topic: null (expected: a Topic)");
        }
        if (NatsDestination.from(topic) instanceof NatsChannelTopic stanTopic) {
            return stanTopic;
        }
        throw new InvalidDestinationException(topic + ": not a topic with a channel (expected: a Topic, not a temporary one)");
    }

    // ---- session-level listener and run (application server facility, optional) ----

    @Override
    public MessageListener getMessageListener() throws JMSException {
        checkOpen();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        checkOpen();
        throw new JMSException("a session-level MessageListener is an optional application-server facility this"
                + " provider does not offer (expected: a listener on a MessageConsumer)");
    }

    @Override
    public void run() {
        throw new java.lang.IllegalStateException("Session.run() belongs to the optional application-server facility"
                + " (ServerSessionPool) this provider does not offer");
    }

    // ---- lifecycle ----

    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        if (delivery.isCallbackThread()) {
            throw new IllegalStateException("session close() called from a message or completion listener of this"
                    + " session (expected: from another thread)");
        }
        delivery.awaitCompletions(connection.config().pubAckTimeout().multipliedBy(2).toMillis());
        closed = true;
        delivery.awaitIdle();
        sends.dropHeld();
        acks.discard();
        for (NatsMessageConsumer consumer : consumers) {
            consumer.closeLocally();
            consumer.releaseSubscription();
        }
        consumers.clear();
        producers.forEach(NatsMessageProducer::closeForSession);
        producers.clear();
        for (QueueBrowser browser : List.copyOf(browsers)) {
            browser.close();
        }
        delivery.shutdown();
        connection.sessionClosed(this);
    }

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        connection.checkOpen();
    }

    boolean isClosed() {
        return closed;
    }

    // ---- for consumers and the connection ----

    NatsConnection connection() {
        return connection;
    }

    SessionDelivery delivery() {
        return delivery;
    }

    int mode() {
        return mode;
    }

    /**
     * Whether sends and consumed messages are held for a transaction now (a transacted session always; an
     * XA session while it is enlisted in a branch) rather than published and acknowledged at once.
     */
    boolean holding() {
        return transacted;
    }

    SessionSends sends() {
        return sends;
    }

    SessionAcks acks() {
        return acks;
    }

    List<NatsMessageConsumer> consumers() {
        return consumers;
    }

    /** A message was handed to the application by receive(). */
    void consumed(Delivered delivered) throws JMSException {
        acks.consumed(delivered);
    }

    void deliverToListener(Delivered delivered, MessageListener listener) {
        acks.deliverToListener(delivered, listener);
    }

    boolean isCallbackThread() {
        return delivery.isCallbackThread();
    }

    void resumeDelivery() throws JMSException {
        for (NatsMessageConsumer consumer : consumers) {
            consumer.resume();
        }
    }

    void awaitDeliveryIdle() {
        delivery.awaitIdle();
    }
}
