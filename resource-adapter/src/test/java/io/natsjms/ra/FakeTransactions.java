package io.natsjms.ra;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A transaction manager reduced to what a container does around deliveries and sends: a transaction per
 * thread, begun and completed explicitly, with interposed synchronizations told the outcome, and XA
 * resources enlisted in it: each gets a branch of its own (started at once), and completion ends them,
 * then commits one resource in one phase, several in two (prepare, then commit what did not answer
 * read-only), or rolls them back. A failed prepare or one-phase commit rolls the transaction back.
 */
final class FakeTransactions implements TransactionSynchronizationRegistry {

    /** One transaction. */
    static final class Tx {
        private final long id = IDS.incrementAndGet();
        private final List<Synchronization> synchronizations = new ArrayList<>();
        private final Map<Object, Object> resources = new HashMap<>();
        private final Map<XAResource, Xid> branches = new java.util.LinkedHashMap<>();
        private boolean rollbackOnly;
    }

    /** A branch identifier: the transaction's number, the branch's number. */
    record FakeXid(int getFormatId, byte[] getGlobalTransactionId, byte[] getBranchQualifier) implements Xid {
        static FakeXid of(long transaction, int branch) {
            return new FakeXid(0x4e415453, ByteBuffer.allocate(16).putLong(transaction).putLong(System.nanoTime())
                    .array(), ByteBuffer.allocate(4).putInt(branch).array());
        }
    }

    private static final AtomicLong IDS = new AtomicLong();
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    /** XA errors of completions, for tests to check (should stay empty unless a test provokes one). */
    private final List<XAException> failures = new java.util.concurrent.CopyOnWriteArrayList<>();

    List<XAException> failures() {
        return failures;
    }

    /** Enlists {@code resource} in the thread's transaction: a new branch, started now. */
    void enlist(XAResource resource) throws XAException {
        Tx tx = active();
        if (tx.branches.containsKey(resource)) {
            return;
        }
        Xid xid = FakeXid.of(tx.id, tx.branches.size() + 1);
        resource.start(xid, XAResource.TMNOFLAGS);
        tx.branches.put(resource, xid);
    }

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
            committed = !tx.rollbackOnly && commitBranches(tx);
        } else {
            rollbackBranches(tx);
        }
        int status = committed ? Status.STATUS_COMMITTED : Status.STATUS_ROLLEDBACK;
        tx.synchronizations.forEach(s -> s.afterCompletion(status));
        return committed;
    }

    void rollback() {
        Tx tx = take();
        rollbackBranches(tx);
        tx.synchronizations.forEach(s -> s.afterCompletion(Status.STATUS_ROLLEDBACK));
    }

    private boolean commitBranches(Tx tx) {
        try {
            for (Map.Entry<XAResource, Xid> branch : tx.branches.entrySet()) {
                branch.getKey().end(branch.getValue(), XAResource.TMSUCCESS);
            }
            if (tx.branches.size() == 1) {
                Map.Entry<XAResource, Xid> only = tx.branches.entrySet().iterator().next();
                only.getKey().commit(only.getValue(), true);
                return true;
            }
            List<Map.Entry<XAResource, Xid>> prepared = new ArrayList<>();
            for (Map.Entry<XAResource, Xid> branch : tx.branches.entrySet()) {
                if (branch.getKey().prepare(branch.getValue()) == XAResource.XA_OK) {
                    prepared.add(branch);
                }
            }
            for (Map.Entry<XAResource, Xid> branch : prepared) {
                branch.getKey().commit(branch.getValue(), false);
            }
            return true;
        } catch (XAException e) {
            failures.add(e);
            for (Map.Entry<XAResource, Xid> branch : tx.branches.entrySet()) {
                rollbackQuietly(branch.getKey(), branch.getValue());
            }
            return false;
        }
    }

    private void rollbackBranches(Tx tx) {
        for (Map.Entry<XAResource, Xid> branch : tx.branches.entrySet()) {
            try {
                branch.getKey().end(branch.getValue(), XAResource.TMFAIL);
            } catch (XAException e) {
                failures.add(e);
            }
            rollbackQuietly(branch.getKey(), branch.getValue());
        }
    }

    private void rollbackQuietly(XAResource resource, Xid xid) {
        try {
            resource.rollback(xid);
        } catch (XAException e) {
            if (e.errorCode != XAException.XAER_NOTA) {
                failures.add(e);
            }
        }
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
