package io.natsjms.ra;

import io.natsjms.jms.NatsXAConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.XAConnection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.ResourceAdapter;
import jakarta.resource.spi.ResourceAdapterAssociation;
import jakarta.resource.spi.SecurityException;
import java.io.PrintWriter;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The outbound connection definition: makes {@link PooledConnectionFactory} instances for applications
 * and the physical connections ({@link NatsManagedConnection}) the container pools. Its connection
 * properties (inherited from {@link ConnectionProperties}) override those of the resource adapter it is
 * associated with. Its physical connections are XA connections, so one definition serves XATransaction,
 * LocalTransaction and NoTransaction pools alike; it does not implement
 * {@link jakarta.resource.spi.TransactionSupport}, which would override the pool's choice.
 */
public class NatsManagedConnectionFactory extends ConnectionProperties
        implements ManagedConnectionFactory, ResourceAdapterAssociation {

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private transient PrintWriter logWriter;

    @Override
    public Object createConnectionFactory(ConnectionManager connectionManager) {
        return new PooledConnectionFactory(this, connectionManager);
    }

    /** A factory for use outside a container: one physical connection per connection, no pooling. */
    @Override
    public Object createConnectionFactory() {
        return new PooledConnectionFactory(this, new UnpooledConnectionManager());
    }

    @Override
    public ManagedConnection createManagedConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        Credentials credentials = Credentials.of(subject, info, this);
        NatsResourceAdapter adapter = resourceAdapter instanceof NatsResourceAdapter nats ? nats : null;
        XAConnection physical = null;
        try {
            NatsXAConnectionFactory factory = adapter != null ? adapter.outboundFactory(this) : newFactory(null);
            physical = credentials == null ? factory.createXAConnection()
                    : factory.createXAConnection(credentials.user(), credentials.password());
            return new NatsManagedConnection(this, physical, credentials);
        } catch (JMSSecurityException e) {
            throw new SecurityException("connect as " + credentials + ": " + e.getMessage(), e);
        } catch (JMSException | IllegalArgumentException e) {
            closeQuietly(physical);
            throw new ResourceException("connect: " + e.getMessage(), e);
        }
    }

    /** A pooled connection of this factory with the same credentials, or null. */
    @Override
    @SuppressWarnings("rawtypes")
    public ManagedConnection matchManagedConnections(Set connections, Subject subject, ConnectionRequestInfo info) {
        Credentials credentials = Credentials.of(subject, info, this);
        for (Object candidate : connections) {
            if (candidate instanceof NatsManagedConnection managed && equals(managed.factory())
                    && java.util.Objects.equals(credentials, managed.credentials())) {
                return managed;
            }
        }
        return null;
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) {
        this.resourceAdapter = resourceAdapter;
    }

    @Override
    public void setLogWriter(PrintWriter writer) {
        logWriter = writer;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    /** Equal when configured alike (the container pools by factory). */
    @Override
    public boolean equals(Object other) {
        return other instanceof NatsManagedConnectionFactory factory && factory.getClass() == getClass()
                && sameValues(factory) && factory.resourceAdapter == resourceAdapter;
    }

    @Override
    public int hashCode() {
        return valuesHash();
    }

    private static void closeQuietly(XAConnection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                // the failure being reported matters more
            }
        }
    }

    @Override
    public String toString() {
        return "NatsManagedConnectionFactory" + values().keySet();
    }
}
