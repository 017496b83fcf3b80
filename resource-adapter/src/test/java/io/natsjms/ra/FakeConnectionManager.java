package io.natsjms.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ConnectionEvent;
import jakarta.resource.spi.ConnectionEventListener;
import jakarta.resource.spi.ConnectionManager;
import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.ManagedConnection;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A container's connection pool: idle managed connections are matched and reused, a closed handle returns its
 * connection (cleaned up) to the pool, and a connection with an error is destroyed. With {@code enlist}, a
 * connection allocated inside a transaction of {@link FakeTransactions} gets its LocalTransaction begun and
 * completed with the transaction (or, with {@code xa}, its XAResource enlisted in the transaction), and goes
 * back to the pool only then, as containers do.
 */
final class FakeConnectionManager implements ConnectionManager {

    private static final long serialVersionUID = 1L;

    private final transient FakeTransactions transactions;
    private final boolean enlist;
    private final boolean xa;
    private final transient List<ManagedConnection> created = new CopyOnWriteArrayList<>();
    private final transient List<ManagedConnection> idle = new ArrayList<>();
    private final transient Set<ManagedConnection> enlisted = new HashSet<>();
    private final transient Set<ManagedConnection> closedInTransaction = new HashSet<>();

    /** @param transactions the transactions to enlist in (with {@code enlist}), or null */
    FakeConnectionManager(FakeTransactions transactions, boolean enlist) {
        this(transactions, enlist, false);
    }

    /** @param xa enlist the connection's XAResource rather than begin its LocalTransaction */
    FakeConnectionManager(FakeTransactions transactions, boolean enlist, boolean xa) {
        this.transactions = transactions;
        this.enlist = enlist;
        this.xa = xa;
    }

    /** Every managed connection the pool made. */
    List<ManagedConnection> created() {
        return created;
    }

    synchronized int idleCount() {
        return idle.size();
    }

    @Override
    public Object allocateConnection(ManagedConnectionFactory factory, ConnectionRequestInfo info) throws ResourceException {
        ManagedConnection managed;
        synchronized (this) {
            managed = idle.isEmpty() ? null : factory.matchManagedConnections(new HashSet<>(idle), null, info);
            idle.remove(managed);
        }
        if (managed == null) {
            managed = factory.createManagedConnection(null, info);
            managed.addConnectionEventListener(new Listener(managed));
            created.add(managed);
        }
        if (enlist && transactions != null && transactions.getTransactionKey() != null) {
            enlist(managed);
        }
        return managed.getConnection(null, info);
    }

    private void enlist(ManagedConnection managed) throws ResourceException {
        synchronized (this) {
            if (!enlisted.add(managed)) {
                return;
            }
        }
        LocalTransaction local = xa ? null : managed.getLocalTransaction();
        if (xa) {
            try {
                transactions.enlist(managed.getXAResource());
            } catch (javax.transaction.xa.XAException e) {
                throw new ResourceException("enlisting " + managed + " failed", e);
            }
        } else {
            local.begin();
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
                // the local transaction completes with the outcome
            }

            @Override
            public void afterCompletion(int status) {
                try {
                    if (local == null) {
                        return;
                    }
                    if (status == Status.STATUS_COMMITTED) {
                        local.commit();
                    } else {
                        local.rollback();
                    }
                } catch (ResourceException e) {
                    throw new IllegalStateException(e);
                } finally {
                    boolean returnNow;
                    synchronized (FakeConnectionManager.this) {
                        enlisted.remove(managed);
                        returnNow = closedInTransaction.remove(managed);
                    }
                    if (returnNow) {
                        returnToPool(managed);
                    }
                }
            }
        });
    }

    private void returnToPool(ManagedConnection managed) {
        try {
            managed.cleanup();
        } catch (ResourceException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            idle.add(managed);
        }
    }

    /** Destroys every connection the pool made. */
    void destroyAll() throws ResourceException {
        for (ManagedConnection managed : created) {
            managed.destroy();
        }
    }

    private final class Listener implements ConnectionEventListener {

        private final ManagedConnection managed;

        Listener(ManagedConnection managed) {
            this.managed = managed;
        }

        @Override
        public void connectionClosed(ConnectionEvent event) {
            synchronized (FakeConnectionManager.this) {
                if (enlisted.contains(managed)) {
                    closedInTransaction.add(managed);
                    return;
                }
            }
            returnToPool(managed);
        }

        @Override
        public void connectionErrorOccurred(ConnectionEvent event) {
            synchronized (FakeConnectionManager.this) {
                idle.remove(managed);
            }
            try {
                managed.destroy();
            } catch (ResourceException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void localTransactionStarted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionCommitted(ConnectionEvent event) {
        }

        @Override
        public void localTransactionRolledback(ConnectionEvent event) {
        }
    }
}
