package io.natsjms.jms;

import io.natsjms.jms.ContextCallbacks.Kind;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateRuntimeException;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSProducer;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.MapMessage;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.ObjectMessage;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.StreamMessage;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.io.Serializable;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The simplified API's {@link JMSContext} over the classic API: one connection (shared by the contexts made
 * with {@link #createContext(int)}, closed with the last of them) and one session, created on first use with
 * the context's session mode. Any {@link Connection} works, also a resource adapter's connection handle.
 *
 * <p>Like every JMSContext it is meant for one thread at a time; {@link #close()} may come from any thread.
 * Checked exceptions of the classic API come out as their runtime twins.
 */
public sealed class NatsJMSContext implements JMSContext permits NatsXAJMSContext {

    /** How a context opens its session on its connection. */
    interface SessionOpener {
        Session open(Connection connection, int sessionMode) throws JMSException;
    }

    private static final SessionOpener PLAIN = Connection::createSession;

    private final ContextConnection connection;
    private final int sessionMode;
    private final SessionOpener opener;
    /** Guards session, producer and the closing. */
    private final Object lock = new Object();
    /** Created on first use; guarded by lock. */
    private Session session;
    /** The anonymous producer every JMSProducer of this context sends with; guarded by lock. */
    private MessageProducer producer;
    private volatile boolean closed;
    private volatile boolean autoStart = true;
    /** The last message a consumer of this context delivered, for acknowledge() in CLIENT_ACKNOWLEDGE. */
    private final AtomicReference<Message> lastConsumed = new AtomicReference<>();

    /**
     * A context that owns {@code connection}: closing the context (the last one sharing it) closes it. On an
     * invalid {@code sessionMode} the connection is closed and a JMSRuntimeException thrown.
     *
     * @param connection  an open connection, not used by anyone else afterwards
     * @param sessionMode {@link #AUTO_ACKNOWLEDGE}, {@link #CLIENT_ACKNOWLEDGE}, {@link #DUPS_OK_ACKNOWLEDGE}
     *                    or {@link #SESSION_TRANSACTED}
     */
    public NatsJMSContext(Connection connection, int sessionMode) {
        this(connection, sessionMode, PLAIN);
    }

    /** A context that owns {@code connection} and opens its session with {@code opener}. */
    NatsJMSContext(Connection connection, int sessionMode, SessionOpener opener) {
        Objects.requireNonNull(connection, "connection");
        try {
            requireSessionMode(sessionMode);
        } catch (JMSRuntimeException e) {
            try {
                connection.close();
            } catch (JMSException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
        this.connection = new ContextConnection(connection);
        this.sessionMode = sessionMode;
        this.opener = opener;
    }

    private NatsJMSContext(ContextConnection connection, int sessionMode) {
        this.connection = connection;
        this.sessionMode = sessionMode;
        this.opener = PLAIN;
    }

    private static void requireSessionMode(int sessionMode) {
        if (sessionMode != AUTO_ACKNOWLEDGE && sessionMode != CLIENT_ACKNOWLEDGE
                && sessionMode != DUPS_OK_ACKNOWLEDGE && sessionMode != SESSION_TRANSACTED) {
            throw new JMSRuntimeException("sessionMode: " + sessionMode + " (expected: AUTO_ACKNOWLEDGE (1),"
                    + " CLIENT_ACKNOWLEDGE (2), DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0))");
        }
    }

    // ---- connection ----

    /** A new context with its own session on this context's connection (closed with the last context). */
    @Override
    public JMSContext createContext(int sessionMode) {
        checkOpen();
        requireSessionMode(sessionMode);
        connection.retain();
        return new NatsJMSContext(connection, sessionMode);
    }

    @Override
    public String getClientID() {
        checkOpen();
        return ContextCall.get(connection.connection()::getClientID);
    }

    /** Sets the connection's client ID; refused once another context shares the connection. */
    @Override
    public void setClientID(String clientID) {
        checkOpen();
        if (connection.isShared()) {
            throw new IllegalStateRuntimeException("JMSContext.setClientID(" + clientID + "): the connection"
                    + " is shared with another context (expected: setting it before createContext)");
        }
        ContextCall.run(() -> connection.connection().setClientID(clientID));
    }

    @Override
    public ConnectionMetaData getMetaData() {
        checkOpen();
        return ContextCall.get(connection.connection()::getMetaData);
    }

    @Override
    public ExceptionListener getExceptionListener() {
        checkOpen();
        return ContextCall.get(connection.connection()::getExceptionListener);
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) {
        checkOpen();
        ContextCall.run(() -> connection.connection().setExceptionListener(listener));
    }

    @Override
    public void start() {
        checkOpen();
        ContextCall.run(connection.connection()::start);
    }

    @Override
    public void stop() {
        checkOpen();
        connection.callbacks().refuseInside("stop", Kind.MESSAGE_LISTENER);
        ContextCall.run(connection.connection()::stop);
    }

    @Override
    public void setAutoStart(boolean autoStart) {
        checkOpen();
        this.autoStart = autoStart;
    }

    @Override
    public boolean getAutoStart() {
        checkOpen();
        return autoStart;
    }

    /**
     * Closes the session (with its consumers, waiting for running listeners) and, for the last context on
     * the connection, the connection. Refused from a listener of the context; nothing happens when closed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        connection.callbacks().refuseInside("close");
        Session toClose;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = session;
        }
        JMSException failure = null;
        try {
            if (toClose != null) {
                toClose.close();
            }
        } catch (JMSException e) {
            failure = e;
        }
        try {
            connection.release();
        } catch (JMSException e) {
            if (failure == null) {
                failure = e;
            } else {
                failure.addSuppressed(e);
            }
        }
        lastConsumed.set(null);
        if (failure != null) {
            throw RuntimeExceptions.of(failure);
        }
    }

    // ---- messages ----

    @Override
    public Message createMessage() {
        return ContextCall.get(() -> session().createMessage());
    }

    @Override
    public BytesMessage createBytesMessage() {
        return ContextCall.get(() -> session().createBytesMessage());
    }

    @Override
    public MapMessage createMapMessage() {
        return ContextCall.get(() -> session().createMapMessage());
    }

    @Override
    public ObjectMessage createObjectMessage() {
        return ContextCall.get(() -> session().createObjectMessage());
    }

    @Override
    public ObjectMessage createObjectMessage(Serializable object) {
        return ContextCall.get(() -> session().createObjectMessage(object));
    }

    @Override
    public StreamMessage createStreamMessage() {
        return ContextCall.get(() -> session().createStreamMessage());
    }

    @Override
    public TextMessage createTextMessage() {
        return ContextCall.get(() -> session().createTextMessage());
    }

    @Override
    public TextMessage createTextMessage(String text) {
        return ContextCall.get(() -> session().createTextMessage(text));
    }

    // ---- session ----

    @Override
    public boolean getTransacted() {
        checkOpen();
        return sessionMode == SESSION_TRANSACTED;
    }

    @Override
    public int getSessionMode() {
        checkOpen();
        return sessionMode;
    }

    @Override
    public void commit() {
        checkOpen();
        connection.callbacks().refuseInside("commit", Kind.COMPLETION_LISTENER);
        ContextCall.run(() -> session().commit());
    }

    @Override
    public void rollback() {
        checkOpen();
        connection.callbacks().refuseInside("rollback", Kind.COMPLETION_LISTENER);
        ContextCall.run(() -> session().rollback());
    }

    @Override
    public void recover() {
        ContextCall.run(() -> session().recover());
        lastConsumed.set(null);
    }

    /**
     * In CLIENT_ACKNOWLEDGE, acknowledges every message the session delivered so far; in the other modes
     * it does nothing.
     */
    @Override
    public void acknowledge() {
        checkOpen();
        if (sessionMode != CLIENT_ACKNOWLEDGE) {
            return;
        }
        Message last = lastConsumed.getAndSet(null);
        if (last != null) {
            ContextCall.run(last::acknowledge);
        }
    }

    @Override
    public void unsubscribe(String name) {
        ContextCall.run(() -> session().unsubscribe(name));
    }

    // ---- producers and consumers ----

    @Override
    public JMSProducer createProducer() {
        session();
        return new NatsJMSProducer(this);
    }

    @Override
    public JMSConsumer createConsumer(Destination destination) {
        return consumer(() -> session().createConsumer(destination));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector) {
        return consumer(() -> session().createConsumer(destination, messageSelector));
    }

    @Override
    public JMSConsumer createConsumer(Destination destination, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createConsumer(destination, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createDurableConsumer(Topic topic, String name, String messageSelector, boolean noLocal) {
        return consumer(() -> session().createDurableConsumer(topic, name, messageSelector, noLocal));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name));
    }

    @Override
    public JMSConsumer createSharedDurableConsumer(Topic topic, String name, String messageSelector) {
        return consumer(() -> session().createSharedDurableConsumer(topic, name, messageSelector));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName));
    }

    @Override
    public JMSConsumer createSharedConsumer(Topic topic, String sharedSubscriptionName, String messageSelector) {
        return consumer(() -> session().createSharedConsumer(topic, sharedSubscriptionName, messageSelector));
    }

    @Override
    public QueueBrowser createBrowser(Queue queue) {
        return createBrowser(queue, null);
    }

    /** A browser of {@code queue}; with autoStart the connection is started as for a consumer. */
    @Override
    public QueueBrowser createBrowser(Queue queue, String messageSelector) {
        QueueBrowser browser = ContextCall.get(() -> session().createBrowser(queue, messageSelector));
        startIfAuto();
        return browser;
    }

    // ---- destinations ----

    @Override
    public Queue createQueue(String queueName) {
        return ContextCall.get(() -> session().createQueue(queueName));
    }

    @Override
    public Topic createTopic(String topicName) {
        return ContextCall.get(() -> session().createTopic(topicName));
    }

    @Override
    public TemporaryQueue createTemporaryQueue() {
        return ContextCall.get(() -> session().createTemporaryQueue());
    }

    @Override
    public TemporaryTopic createTemporaryTopic() {
        return ContextCall.get(() -> session().createTemporaryTopic());
    }

    // ---- for the producers and consumers of this context ----

    /** Throws IllegalStateRuntimeException once the context is closed. */
    void checkOpen() {
        if (closed) {
            throw new IllegalStateRuntimeException("JMSContext: closed (expected: an open context)");
        }
    }

    /** The context's session, created on first use. */
    Session session() {
        synchronized (lock) {
            checkOpen();
            if (session == null) {
                session = ContextCall.get(() -> opener.open(connection.connection(), sessionMode));
            }
            return session;
        }
    }

    /** The anonymous producer the context's JMSProducers send with, created on first use. */
    MessageProducer messageProducer() throws JMSException {
        Session current = session();
        synchronized (lock) {
            if (producer == null) {
                producer = current.createProducer(null);
            }
            return producer;
        }
    }

    ContextCallbacks callbacks() {
        return connection.callbacks();
    }

    /** Notes a message a consumer of this context delivered, for {@link #acknowledge()}. */
    void consumed(Message message) {
        if (message != null && sessionMode == CLIENT_ACKNOWLEDGE) {
            lastConsumed.set(message);
        }
    }

    private JMSConsumer consumer(ContextCall<MessageConsumer> create) {
        MessageConsumer consumer = ContextCall.get(create);
        startIfAuto();
        return new NatsJMSConsumer(this, consumer);
    }

    private void startIfAuto() {
        if (autoStart) {
            ContextCall.run(connection.connection()::start);
        }
    }
}
