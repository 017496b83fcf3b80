package io.natsjms.ra;

import io.natsjms.jms.NatsMessageProducer;
import io.natsjms.jms.ProducerRoute;
import jakarta.jms.BytesMessage;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
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
import jakarta.jms.TransactionInProgressException;
import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A session of a {@link ConnectionHandle}. Each call goes to the pooled connection's current physical
 * session ({@link SessionPair#current()}): the transacted one inside a transaction, else the
 * auto-acknowledge one. Producers are the provider's, routed so that each send picks the current session too;
 * consumers and browsers come straight from the provider and stay with the session they were made on.
 */
final class SessionHandle implements Session, QueueSession, TopicSession {

    private final ConnectionHandle connection;
    /** Consumers and browsers made here, closed with this session. */
    private final List<AutoCloseable> made = new CopyOnWriteArrayList<>();
    /** Where the producers made here send: the pooled connection's current session. */
    private final ProducerRoute route = new ProducerRoute() {
        @Override
        public void checkOpen() throws JMSException {
            SessionHandle.this.checkOpen();
        }

        @Override
        public Session session() throws JMSException {
            return current();
        }
    };
    private volatile boolean closed;

    SessionHandle(ConnectionHandle connection) {
        this.connection = connection;
    }

    // ---- messages (any session makes the same provider messages)

    @Override
    public BytesMessage createBytesMessage() throws JMSException {
        return current().createBytesMessage();
    }

    @Override
    public MapMessage createMapMessage() throws JMSException {
        return current().createMapMessage();
    }

    @Override
    public Message createMessage() throws JMSException {
        return current().createMessage();
    }

    @Override
    public ObjectMessage createObjectMessage() throws JMSException {
        return current().createObjectMessage();
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) throws JMSException {
        return current().createObjectMessage(object);
    }

    @Override
    public StreamMessage createStreamMessage() throws JMSException {
        return current().createStreamMessage();
    }

    @Override
    public TextMessage createTextMessage() throws JMSException {
        return current().createTextMessage();
    }

    @Override
    public TextMessage createTextMessage(String text) throws JMSException {
        return current().createTextMessage(text);
    }

    // ---- transaction and acknowledgement

    /** Whether the session takes part in a (container) transaction right now. */
    @Override
    public boolean getTransacted() throws JMSException {
        return sessions().inTransaction();
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        return sessions().inTransaction() ? Session.SESSION_TRANSACTED : Session.AUTO_ACKNOWLEDGE;
    }

    @Override
    public void commit() throws JMSException {
        throw transactionControl("commit");
    }

    @Override
    public void rollback() throws JMSException {
        throw transactionControl("rollback");
    }

    @Override
    public void recover() throws JMSException {
        current().recover();
    }

    private JMSException transactionControl(String method) throws JMSException {
        if (sessions().inTransaction()) {
            return new TransactionInProgressException(method + ": the session takes part in the container"
                    + " transaction (expected: the container commits or rolls it back)");
        }
        return new IllegalStateException(method + ": the session is not transacted (expected: a container"
                + " transaction, which the session joins)");
    }

    // ---- listeners (application-server facilities, not for applications)

    @Override
    public MessageListener getMessageListener() throws JMSException {
        current();
        return null;
    }

    @Override
    public void setMessageListener(MessageListener listener) throws JMSException {
        throw new IllegalStateException("setMessageListener: not allowed in a Jakarta EE container (expected: a"
                + " message-driven bean)");
    }

    @Override
    public void run() {
        throw new UnsupportedOperationException("run: session listeners are not offered (expected: a message-driven bean)");
    }

    // ---- producers and consumers

    /**
     * The provider's own producer, routed: each send goes through the session that is current at that moment,
     * so a send inside a container transaction is held until commit and one outside is confirmed at once.
     */
    @Override
    public MessageProducer createProducer(Destination destination) throws JMSException {
        current();
        return NatsMessageProducer.routed(destination, route);
    }

    @Override
    public QueueSender createSender(Queue queue) throws JMSException {
        return (QueueSender) createProducer(queue);
    }

    @Override
    public TopicPublisher createPublisher(Topic topic) throws JMSException {
        return (TopicPublisher) createProducer(topic);
    }

    @Override
    public MessageConsumer createConsumer(Destination destination) throws JMSException {
        return keep(current().createConsumer(destination));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector) throws JMSException {
        return keep(current().createConsumer(destination, messageSelector));
    }

    @Override
    public MessageConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal)
            throws JMSException {
        return keep(current().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) throws JMSException {
        return keep(current().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public MessageConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector)
            throws JMSException {
        return keep(current().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name) throws JMSException {
        return keep(current().createDurableSubscriber(topic, name));
    }

    @Override
    public TopicSubscriber createDurableSubscriber(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return keep(current().createDurableSubscriber(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name) throws JMSException {
        return keep(current().createDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal)
            throws JMSException {
        return keep(current().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name) throws JMSException {
        return keep(current().createSharedDurableConsumer(topic, name));
    }

    @Override
    public MessageConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector)
            throws JMSException {
        return keep(current().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue) throws JMSException {
        return keep((QueueReceiver) current().createConsumer(queue));
    }

    @Override
    public QueueReceiver createReceiver(Queue queue, String messageSelector) throws JMSException {
        return keep((QueueReceiver) current().createConsumer(queue, messageSelector));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic) throws JMSException {
        return keep((TopicSubscriber) current().createConsumer(topic));
    }

    @Override
    public TopicSubscriber createSubscriber(Topic topic, String messageSelector, boolean noLocal) throws JMSException {
        return keep((TopicSubscriber) current().createConsumer(topic, messageSelector, noLocal));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) throws JMSException {
        return keep(current().createBrowser(queue));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) throws JMSException {
        return keep(current().createBrowser(queue, messageSelector));
    }

    // ---- destinations and subscriptions

    @Override
    public Queue createQueue(String queueName) throws JMSException {
        return current().createQueue(queueName);
    }

    @Override
    public Topic createTopic(String topicName) throws JMSException {
        return current().createTopic(topicName);
    }

    @Override
    public TemporaryQueue createTemporaryQueue() throws JMSException {
        TemporaryQueue queue = current().createTemporaryQueue();
        connection.managed().created(queue);
        return queue;
    }

    @Override
    public TemporaryTopic createTemporaryTopic() throws JMSException {
        TemporaryTopic topic = current().createTemporaryTopic();
        connection.managed().created(topic);
        return topic;
    }

    @Override
    public void unsubscribe(String name) throws JMSException {
        current().unsubscribe(name);
    }

    // ---- close

    /** Closes the consumers and browsers made here; the pooled sessions stay until the connection's cleanup. */
    @Override
    public void close() throws JMSException {
        if (closed) {
            return;
        }
        SessionPair pair = pairUnlessInvalid();
        closed = true;
        JMSException failure = null;
        for (AutoCloseable resource : made) {
            if (pair != null && pair.closeAfterBranch(resource)) {
                continue;
            }
            try {
                resource.close();
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            } catch (Exception e) {
                failure = failure == null ? new JMSException("closing " + resource + ": " + e) : failure;
            }
        }
        made.clear();
        connection.sessionClosed(this);
        if (failure != null) {
            throw failure;
        }
    }

    // ---- for the producers

    void checkOpen() throws IllegalStateException {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
    }

    private Session current() throws JMSException {
        checkOpen();
        return sessions().current();
    }

    /** The pooled connection's sessions, or null when this handle's connection is no longer valid. */
    private SessionPair pairUnlessInvalid() {
        try {
            return sessions();
        } catch (JMSException e) {
            return null;
        }
    }

    private SessionPair sessions() throws JMSException {
        checkOpen();
        return connection.managed().sessions();
    }

    private <T extends AutoCloseable> T keep(T resource) {
        made.add(resource);
        return resource;
    }
}
