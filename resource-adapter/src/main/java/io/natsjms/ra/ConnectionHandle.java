package io.natsjms.ra;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionConsumer;
import jakarta.jms.ConnectionMetaData;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueSession;
import jakarta.jms.ServerSessionPool;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicSession;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an application gets from the adapter's connection factory: a handle on a pooled
 * {@link NatsManagedConnection}. Its sessions follow the Jakarta EE rules of JMS: the arguments of
 * {@code createSession} are ignored, the session takes part in the container transaction when there is one
 * and acknowledges automatically otherwise. The methods JMS forbids in EE containers ({@code setClientID},
 * {@code setExceptionListener}, {@code stop}, connection consumers) throw {@link IllegalStateException}.
 * Closing the handle returns the physical connection to the pool.
 */
public final class ConnectionHandle implements Connection, QueueConnection, TopicConnection {

    private final Set<SessionHandle> sessions = ConcurrentHashMap.newKeySet();
    private volatile NatsManagedConnection managed;
    private volatile boolean closed;

    ConnectionHandle(NatsManagedConnection managed) {
        this.managed = managed;
    }

    @Override
    public Session createSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession();
    }

    @Override
    public Session createSession(int sessionMode) throws JMSException {
        return newSession();
    }

    @Override
    public Session createSession() throws JMSException {
        return newSession();
    }

    @Override
    public QueueSession createQueueSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession();
    }

    @Override
    public TopicSession createTopicSession(boolean transacted, int acknowledgeMode) throws JMSException {
        return newSession();
    }

    private SessionHandle newSession() throws JMSException {
        managed();
        SessionHandle session = new SessionHandle(this);
        sessions.add(session);
        return session;
    }

    @Override
    public String getClientID() throws JMSException {
        return managed().physical().getClientID();
    }

    @Override
    public void setClientID(String clientID) throws JMSException {
        throw forbidden("setClientID", "the clientId of an activation, or a NatsConnectionFactory outside the container");
    }

    @Override
    public ConnectionMetaData getMetaData() throws JMSException {
        return managed().physical().getMetaData();
    }

    @Override
    public ExceptionListener getExceptionListener() throws JMSException {
        managed();
        return null;
    }

    @Override
    public void setExceptionListener(ExceptionListener listener) throws JMSException {
        throw forbidden("setExceptionListener", "failures surface as exceptions of the calls");
    }

    @Override
    public void start() throws JMSException {
        managed().physical().start();
    }

    @Override
    public void stop() throws JMSException {
        throw forbidden("stop", "close the connection instead");
    }

    @Override
    public void close() throws JMSException {
        NatsManagedConnection current;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = managed;
        }
        JMSException failure = null;
        for (SessionHandle session : sessions) {
            try {
                session.close();
            } catch (JMSException e) {
                failure = failure == null ? e : failure;
            }
        }
        sessions.clear();
        if (current != null) {
            current.closed(this);
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Destination destination, String messageSelector,
                                                       ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Queue queue, String messageSelector, ServerSessionPool sessionPool,
                                                       int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createConnectionConsumer(Topic topic, String messageSelector, ServerSessionPool sessionPool,
                                                       int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                             ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createDurableConnectionConsumer(Topic topic, String subscriptionName, String messageSelector,
                                                              ServerSessionPool sessionPool, int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    @Override
    public ConnectionConsumer createSharedDurableConnectionConsumer(Topic topic, String subscriptionName,
                                                                    String messageSelector, ServerSessionPool sessionPool,
                                                                    int maxMessages) throws JMSException {
        throw connectionConsumers();
    }

    // ---- for the managed connection and the sessions

    /** The managed connection this handle is on; fails once the handle is closed or invalidated. */
    NatsManagedConnection managed() throws IllegalStateException {
        NatsManagedConnection current = managed;
        if (closed || current == null) {
            throw new IllegalStateException("connection is closed");
        }
        return current;
    }

    /** The container moved this handle to {@code target} (connection sharing). */
    synchronized void moveTo(NatsManagedConnection target) {
        NatsManagedConnection previous = managed;
        if (previous != null) {
            previous.detach(this);
        }
        managed = target;
        target.attach(this);
    }

    /** The managed connection was cleaned up or destroyed: this handle is unusable from now on. */
    synchronized void invalidate() {
        closed = true;
        managed = null;
    }

    void sessionClosed(SessionHandle session) {
        sessions.remove(session);
    }

    private static JMSException connectionConsumers() {
        return forbidden("createConnectionConsumer", "message-driven beans");
    }

    private static IllegalStateException forbidden(String method, String instead) {
        return new IllegalStateException(method + ": not allowed on a connection of a Jakarta EE container"
                + " (expected: " + instead + ")");
    }

    @Override
    public String toString() {
        return "ConnectionHandle[" + managed + "]";
    }
}
