package io.natsjms.ra;

import io.natsjms.jms.NatsJMSContext;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueConnectionFactory;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicConnectionFactory;
import jakarta.resource.Referenceable;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import java.io.Serializable;
import javax.naming.Reference;

/**
 * The connection factory applications look up: each connection is a handle on a physical connection that
 * the container's {@link ConnectionManager} pools (and enlists in transactions); a {@link JMSContext} is the
 * provider's context over such a handle. Closing the connection or context returns the physical connection
 * to the pool.
 */
public final class PooledConnectionFactory
        implements ConnectionFactory, QueueConnectionFactory, TopicConnectionFactory, Serializable, Referenceable {

    private static final long serialVersionUID = 1L;

    private final NatsManagedConnectionFactory managedFactory;
    private final ConnectionManager connectionManager;
    private Reference reference;

    PooledConnectionFactory(NatsManagedConnectionFactory managedFactory, ConnectionManager connectionManager) {
        this.managedFactory = managedFactory;
        this.connectionManager = connectionManager;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    @Override
    public QueueConnection createQueueConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public QueueConnection createQueueConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    @Override
    public TopicConnection createTopicConnection() throws JMSException {
        return allocate(null);
    }

    @Override
    public TopicConnection createTopicConnection(String userName, String password) throws JMSException {
        return allocate(new Credentials(userName, password));
    }

    @Override
    public JMSContext createContext() {
        return context(null, JMSContext.AUTO_ACKNOWLEDGE);
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return context(new Credentials(userName, password), JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** The session mode is taken as JMS prescribes in EE containers: the context joins the container transaction. */
    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return context(new Credentials(userName, password), sessionMode);
    }

    /** The session mode is taken as JMS prescribes in EE containers: the context joins the container transaction. */
    @Override
    public JMSContext createContext(int sessionMode) {
        return context(null, sessionMode);
    }

    @Override
    public void setReference(Reference reference) {
        this.reference = reference;
    }

    @Override
    public Reference getReference() {
        return reference;
    }

    private JMSContext context(Credentials credentials, int sessionMode) {
        try {
            return new NatsJMSContext(allocate(credentials), sessionMode);
        } catch (JMSSecurityException e) {
            throw new JMSSecurityRuntimeException(e.getMessage(), e.getErrorCode(), e);
        } catch (JMSException e) {
            throw new JMSRuntimeException(e.getMessage(), e.getErrorCode(), e);
        }
    }

    private ConnectionHandle allocate(ConnectionRequestInfo info) throws JMSException {
        try {
            return (ConnectionHandle) connectionManager.allocateConnection(managedFactory, info);
        } catch (ResourceException e) {
            Throwable cause = e.getCause();
            if (cause instanceof JMSException jms) {
                throw jms;
            }
            JMSException failure = e instanceof jakarta.resource.spi.SecurityException
                    ? new JMSSecurityException("connect: " + e.getMessage()) : new JMSException("connect: " + e.getMessage());
            failure.setLinkedException(e);
            failure.initCause(e);
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "PooledConnectionFactory[" + managedFactory + "]";
    }
}
