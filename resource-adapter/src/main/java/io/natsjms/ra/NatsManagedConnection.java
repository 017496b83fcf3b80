package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.XAConnection;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionMetaData;
import jakarta.resource.spi.SecurityException;
import java.io.PrintWriter;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.security.auth.Subject;
import javax.transaction.xa.XAResource;

/**
 * One pooled physical connection of the provider (an XA connection), with its {@link SessionPair}, its local
 * transaction and its XAResource: the pool's transaction support decides which of the two the container uses. The
 * container hands out {@link ConnectionHandle}s on it; closing the last use returns it to the pool, and
 * {@link #cleanup()} closes the sessions (consumers, producers and temporary destinations of the handles go
 * with them) so the next user starts fresh, while the expensive part, the NATS and STAN connection, stays.
 */
final class NatsManagedConnection implements ManagedConnection {

    private static final System.Logger LOG = System.getLogger(NatsManagedConnection.class.getName());

    private final NatsManagedConnectionFactory factory;
    private final XAConnection physical;
    private final Credentials credentials;
    private final SessionPair sessions;
    private final Set<ConnectionHandle> handles = ConcurrentHashMap.newKeySet();
    private final List<ConnectionEventListener> listeners = new CopyOnWriteArrayList<>();
    /** Temporary destinations made through handles, deleted on cleanup; guarded by itself. */
    private final List<Object> temporaries = new ArrayList<>();
    private volatile PrintWriter logWriter;
    private volatile boolean destroyed;

    NatsManagedConnection(NatsManagedConnectionFactory factory, XAConnection physical, Credentials credentials)
            throws JMSException {
        this.factory = factory;
        this.physical = physical;
        this.credentials = credentials;
        this.sessions = new SessionPair(physical);
        physical.setExceptionListener(this::physicalFailed);
    }

    @Override
    public Object getConnection(Subject subject, ConnectionRequestInfo info) throws ResourceException {
        checkNotDestroyed();
        Credentials requested = Credentials.of(subject, info, factory);
        if (!Objects.equals(requested, credentials)) {
            throw new SecurityException("pooled connection of " + credentials + " asked for " + requested
                    + " (expected: the same credentials; re-authentication is not supported)");
        }
        ConnectionHandle handle = new ConnectionHandle(this);
        handles.add(handle);
        return handle;
    }

    @Override
    public void associateConnection(Object connection) throws ResourceException {
        checkNotDestroyed();
        if (!(connection instanceof ConnectionHandle handle)) {
            throw new ResourceException("associateConnection: " + connection + " (expected: a natsjms connection handle)");
        }
        handle.moveTo(this);
    }

    @Override
    public void cleanup() throws ResourceException {
        for (ConnectionHandle handle : List.copyOf(handles)) {
            handle.invalidate();
        }
        handles.clear();
        sessions.reset();
        deleteTemporaries();
        try {
            physical.stop();
        } catch (JMSException e) {
            throw new ResourceException("cleanup of pooled connection: " + e.getMessage(), e);
        }
    }

    @Override
    public void destroy() throws ResourceException {
        if (destroyed) {
            return;
        }
        destroyed = true;
        for (ConnectionHandle handle : List.copyOf(handles)) {
            handle.invalidate();
        }
        handles.clear();
        sessions.close();
        try {
            physical.close();
        } catch (JMSException e) {
            LOG.log(Level.DEBUG, "closing pooled connection: {0}", e.getMessage());
        }
    }

    @Override
    public void addConnectionEventListener(ConnectionEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeConnectionEventListener(ConnectionEventListener listener) {
        listeners.remove(listener);
    }

    /**
     * The XAResource of the connection's XA session (an XATransaction pool): the same object for the life of
     * the connection, valid across cleanups.
     */
    @Override
    public XAResource getXAResource() throws ResourceException {
        checkNotDestroyed();
        try {
            return sessions.xaResource();
        } catch (JMSException e) {
            throw new ResourceException("XA session of pooled connection: " + e.getMessage(), e);
        }
    }

    @Override
    public LocalTransaction getLocalTransaction() {
        return new ContainerTransaction(sessions);
    }

    @Override
    public ManagedConnectionMetaData getMetaData() throws ResourceException {
        checkNotDestroyed();
        return new ConnectionInfo(physical, credentials);
    }

    @Override
    public void setLogWriter(PrintWriter writer) {
        logWriter = writer;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    // ---- for the handles and the factory

    NatsManagedConnectionFactory factory() {
        return factory;
    }

    Credentials credentials() {
        return credentials;
    }

    XAConnection physical() {
        return physical;
    }

    SessionPair sessions() {
        return sessions;
    }

    void attach(ConnectionHandle handle) {
        handles.add(handle);
    }

    void detach(ConnectionHandle handle) {
        handles.remove(handle);
    }

    /** Remembers a temporary destination to delete on cleanup. */
    void created(Object temporary) {
        synchronized (temporaries) {
            temporaries.add(temporary);
        }
    }

    /**
     * The application closed {@code handle}: the container learns it once the current transaction, if any,
     * ended, so it cannot hand the connection to someone else while its transaction is open.
     */
    void closed(ConnectionHandle handle) {
        handles.remove(handle);
        sessions.runAfterTransaction(() -> {
            ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_CLOSED);
            event.setConnectionHandle(handle);
            listeners.forEach(listener -> listener.connectionClosed(event));
        });
    }

    private void physicalFailed(JMSException cause) {
        LOG.log(Level.WARNING, "pooled connection failed, the container will discard it: {0}", cause.getMessage());
        ConnectionEvent event = new ConnectionEvent(this, ConnectionEvent.CONNECTION_ERROR_OCCURRED, cause);
        listeners.forEach(listener -> listener.connectionErrorOccurred(event));
    }

    private void deleteTemporaries() {
        List<Object> created;
        synchronized (temporaries) {
            created = List.copyOf(temporaries);
            temporaries.clear();
        }
        for (Object temporary : created) {
            try {
                if (temporary instanceof TemporaryQueue queue) {
                    queue.delete();
                } else if (temporary instanceof TemporaryTopic topic) {
                    topic.delete();
                }
            } catch (JMSException e) {
                LOG.log(Level.DEBUG, "deleting {0} on cleanup: {1}", temporary, e.getMessage());
            }
        }
    }

    private void checkNotDestroyed() throws ResourceException {
        if (destroyed) {
            throw new jakarta.resource.spi.IllegalStateException("the pooled connection was destroyed");
        }
    }

    @Override
    public String toString() {
        return "NatsManagedConnection[" + physical + "]";
    }
}
