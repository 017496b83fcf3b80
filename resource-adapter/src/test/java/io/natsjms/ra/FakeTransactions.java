package io.natsjms.ra;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transaction manager reduced to what a container does around deliveries and sends: a transaction per
 * thread, begun and completed explicitly, with interposed synchronizations told the outcome.
 */
final class FakeTransactions implements TransactionSynchronizationRegistry {

    /** One transaction. */
    static final class Tx {
        private final List<Synchronization> synchronizations = new ArrayList<>();
        private final Map<Object, Object> resources = new HashMap<>();
        private boolean rollbackOnly;
    }

    private final ThreadLocal<Tx> current = new ThreadLocal<>();

    void begin() {
        if (current.get() != null) {
            throw new IllegalStateException("a transaction is active on " + Thread.currentThread().getName());
        }
        current.set(new Tx());
    }

    /** Commits the thread's transaction, or rolls it back when marked rollback-only; true when committed. */
    boolean commit() {
        Tx tx = take();
        boolean committed = !tx.rollbackOnly;
        if (committed) {
            tx.synchronizations.forEach(Synchronization::beforeCompletion);
        }
        int status = committed ? Status.STATUS_COMMITTED : Status.STATUS_ROLLEDBACK;
        tx.synchronizations.forEach(s -> s.afterCompletion(status));
        return committed;
    }

    void rollback() {
        Tx tx = take();
        tx.synchronizations.forEach(s -> s.afterCompletion(Status.STATUS_ROLLEDBACK));
    }

    private Tx take() {
        Tx tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("no transaction on " + Thread.currentThread().getName());
        }
        current.remove();
        return tx;
    }

    @Override
    public Object getTransactionKey() {
        return current.get();
    }

    @Override
    public void putResource(Object key, Object value) {
        active().resources.put(key, value);
    }

    @Override
    public Object getResource(Object key) {
        return active().resources.get(key);
    }

    @Override
    public void registerInterposedSynchronization(Synchronization sync) {
        active().synchronizations.add(sync);
    }

    @Override
    public int getTransactionStatus() {
        Tx tx = current.get();
        return tx == null ? Status.STATUS_NO_TRANSACTION : tx.rollbackOnly ? Status.STATUS_MARKED_ROLLBACK
                : Status.STATUS_ACTIVE;
    }

    @Override
    public void setRollbackOnly() {
        active().rollbackOnly = true;
    }

    @Override
    public boolean getRollbackOnly() {
        return active().rollbackOnly;
    }

    private Tx active() {
        Tx tx = current.get();
        if (tx == null) {
            throw new IllegalStateException("no transaction on " + Thread.currentThread().getName());
        }
        return tx;
    }
}
