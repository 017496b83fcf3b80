package io.natsjms.ra;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Session;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * The physical sessions of one managed connection and its local transaction. Outside a transaction the
 * handles work on an auto-acknowledge session, so sends take effect at once; inside one they work on a
 * transacted session, committed or rolled back with the transaction. The transaction is begun either by
 * the container (through {@link jakarta.resource.spi.LocalTransaction}) or, when the container did not
 * enlist the connection, by the first use inside a JTA transaction, which then completes it through a
 * {@link Synchronization}. Both sessions are created on first use and closed by {@link #reset()}.
 */
final class SessionPair {

    private static final System.Logger LOG = System.getLogger(SessionPair.class.getName());

    private final Connection connection;
    private final TransactionSynchronizationRegistry registry;
    /** Run once the current transaction ends (deferred connection-closed events); guarded by this. */
    private final List<Runnable> afterTransaction = new ArrayList<>();
    private Session autoSession;
    private Session transactedSession;
    private boolean inTransaction;

    /** @param registry the container's transaction registry, or null */
    SessionPair(Connection connection, TransactionSynchronizationRegistry registry) {
        this.connection = connection;
        this.registry = registry;
    }

    /** The session for the caller's context: transacted inside a transaction, else auto-acknowledge. */
    synchronized Session current() throws JMSException {
        joinJtaTransaction();
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

    /** Whether a local transaction is active. */
    synchronized boolean inTransaction() {
        return inTransaction;
    }

    /** Begins a local transaction (no-op when one is active: the container and the synchronization may both ask). */
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

    /** Runs {@code action} now, or when the active transaction ends. */
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
        close(autoSession);
        close(transactedSession);
        autoSession = null;
        transactedSession = null;
    }

    private void endTransaction() {
        inTransaction = false;
        List<Runnable> actions = List.copyOf(afterTransaction);
        afterTransaction.clear();
        actions.forEach(Runnable::run);
    }

    /** Inside a JTA transaction the container did not enlist us in: begin, and complete with the transaction. */
    private void joinJtaTransaction() {
        if (inTransaction || registry == null || registry.getTransactionKey() == null
                || registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return;
        }
        registry.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // sends become visible only once the transaction committed
            }

            @Override
            public void afterCompletion(int status) {
                complete(status == Status.STATUS_COMMITTED);
            }
        });
        inTransaction = true;
    }

    private void complete(boolean committed) {
        try {
            if (committed) {
                commit();
            } else {
                rollback();
            }
        } catch (JMSException e) {
            LOG.log(Level.ERROR, "completing the local transaction after the JTA transaction " + (committed
                    ? "committed failed; the sends of the transaction may be lost" : "rolled back failed"), e);
        }
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
