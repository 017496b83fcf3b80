package io.natsjms.jms;

import java.io.Serializable;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A resource with no work of its own, for steering a transaction manager into the cases under test:
 * <ul>
 *   <li>{@link #crashingAtCommit}: does something drastic when told to commit (halt the JVM, kill the
 *       streaming server). Enlisted first, so that the transaction manager commits it first, it cuts the
 *       transaction between its prepare phase (every resource prepared, the decision logged) and the commits
 *       of the others. Narayana keeps it in its log by serialization; the copy recovery reads back has no
 *       action and commits quietly.</li>
 *   <li>{@link #votingRollback}: answers prepare with XA_RBROLLBACK. Enlisted last, it rolls back a
 *       transaction whose other resources are prepared already.</li>
 * </ul>
 */
final class ScriptedResource implements XAResource, Serializable {

    private static final long serialVersionUID = 1L;

    /** What commit does; not serialized, so a recovered copy does nothing. */
    private final transient Runnable action;
    private final boolean vetoes;

    private ScriptedResource(Runnable action, boolean vetoes) {
        this.action = action;
        this.vetoes = vetoes;
    }

    /** A resource that runs {@code action} when told to commit. */
    static ScriptedResource crashingAtCommit(Runnable action) {
        return new ScriptedResource(action, false);
    }

    /** A resource whose prepare votes to roll back. */
    static ScriptedResource votingRollback() {
        return new ScriptedResource(null, true);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) {
        if (action != null) {
            action.run();
        }
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        if (vetoes) {
            throw new XAException(XAException.XA_RBROLLBACK);
        }
        return XA_OK;
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void forget(Xid xid) throws XAException {
        throw new XAException(XAException.XAER_NOTA);
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }
}
