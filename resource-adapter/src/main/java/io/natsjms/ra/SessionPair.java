package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAResource;

/**
 * The physical sessions of one managed connection and its transactions. Outside a transaction the handles
 * work on an auto-acknowledge session, so sends take effect at once. In a local transaction, begun and
 * completed by the container through {@link jakarta.resource.spi.LocalTransaction}, they work on a
 * transacted session. While the container has the connection's {@link XAResource} enlisted in a branch
 * (between its {@code start} and {@code end}) they work on the XA session, whose sends and acknowledgements
 * the branch holds until the transaction manager completes it. A connection the container did not enlist
 * (a {@code NoTransaction} pool) is not part of the container's transaction: its sends are published, and
 * confirmed, when {@code send} returns. The auto-acknowledge and transacted sessions are created on first
 * use and closed by {@link #reset()}; the XA session lives as long as the connection, because containers
 * keep the XAResource of a managed connection for its whole life.
 */
final class SessionPair {

    private static final System.Logger LOG = System.getLogger(SessionPair.class.getName());

    private final XAConnection connection;
    /** Run once the current local transaction ends (deferred connection-closed events); guarded by this. */
    private final List<Runnable> afterTransaction = new ArrayList<>();
    private Session autoSession;
    private Session transactedSession;
    private boolean inTransaction;
    /** The XA session, made by the first {@link #xaResource()} and closed by {@link #close()}; guarded by this. */
    private XASession xaSession;
    private BranchResource branchResource;
    /** Whether the XA session is enlisted in a branch (between start and end). */
    private volatile boolean inBranch;
    /** Consumers whose handle closed inside a branch, closed by the next reset; guarded by this. */
    private final List<AutoCloseable> closeAfterBranch = new ArrayList<>();

    SessionPair(XAConnection connection) {
        this.connection = connection;
    }

    /**
     * The session for the caller's context: the XA session inside an XA branch, the transacted one inside a
     * local transaction, else the auto-acknowledge one.
     */
    synchronized Session current() throws JMSException {
        if (inBranch) {
            return xaSession.getSession();
        }
        if (inTransaction) {
            if (transactedSession == null) {
                transactedSession = connection.createSession(Session.SESSION_TRANSACTED);
            }
            return transactedSession;
        }
        if (autoSession == null) {
            autoSession = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        }
        return autoSession;
    }

    /** Whether a local transaction or an XA branch is active. */
    synchronized boolean inTransaction() {
        return inTransaction || inBranch;
    }

    /**
     * The XAResource of the connection's XA session (made on the first call), which tells this pair when the
     * session is enlisted; the same object for the life of the connection.
     */
    synchronized XAResource xaResource() throws JMSException {
        if (branchResource == null) {
            xaSession = connection.createXASession();
            branchResource = new BranchResource(xaSession.getXAResource(), this::branchActive);
        }
        return branchResource;
    }

    /**
     * Inside an XA branch, keeps {@code consumer} open until the connection is cleaned up (after the
     * transaction): the branch's acknowledgements reach the server with prepare, through their
     * subscriptions, so a consumer closed before would lose them and its messages would come again.
     *
     * @return false outside a branch: the caller closes it now
     */
    synchronized boolean closeAfterBranch(AutoCloseable consumer) {
        if (!inBranch) {
            return false;
        }
        closeAfterBranch.add(consumer);
        return true;
    }

    private void branchActive(boolean active) {
        inBranch = active;
    }

    /** Begins a local transaction (no-op when one is active). */
    synchronized void begin() {
        inTransaction = true;
    }

    /** Commits the held sends and acknowledges the consumed messages; no-op without a transaction. */
    synchronized void commit() throws JMSException {
        if (!inTransaction) {
            return;
        }
        try {
            if (transactedSession != null) {
                transactedSession.commit();
            }
        } finally {
            endTransaction();
        }
    }

    /** Drops the held sends and hands the consumed messages out again; no-op without a transaction. */
    synchronized void rollback() throws JMSException {
        if (!inTransaction) {
            return;
        }
        try {
            if (transactedSession != null) {
                transactedSession.rollback();
            }
        } finally {
            endTransaction();
        }
    }

    /** Runs {@code action} now, or when the active local transaction ends. */
    void runAfterTransaction(Runnable action) {
        synchronized (this) {
            if (inTransaction) {
                afterTransaction.add(action);
                return;
            }
        }
        action.run();
    }

    /** Rolls back an open transaction and closes both sessions (their consumers and producers with them). */
    synchronized void reset() {
        if (inTransaction) {
            try {
                rollback();
            } catch (JMSException e) {
                LOG.log(Level.DEBUG, "rollback on cleanup: {0}", e.getMessage());
            }
        }
        for (AutoCloseable consumer : closeAfterBranch) {
            try {
                consumer.close();
            } catch (Exception e) {
                LOG.log(Level.DEBUG, "closing a consumer kept for its branch: {0}", e.getMessage());
            }
        }
        closeAfterBranch.clear();
        close(autoSession);
        close(transactedSession);
        autoSession = null;
        transactedSession = null;
    }

    /** {@link #reset()}, and closes the XA session (the connection is destroyed). */
    synchronized void close() {
        reset();
        close(xaSession);
        xaSession = null;
        inBranch = false;
    }

    private void endTransaction() {
        inTransaction = false;
        List<Runnable> actions = List.copyOf(afterTransaction);
        afterTransaction.clear();
        actions.forEach(Runnable::run);
    }

    private static void close(Session session) {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (JMSException e) {
            LOG.log(Level.DEBUG, "closing a pooled session: {0}", e.getMessage());
        }
    }
}
