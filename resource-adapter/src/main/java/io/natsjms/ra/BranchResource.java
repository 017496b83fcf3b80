package io.natsjms.ra;

import java.util.function.Consumer;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XAResource a container enlists for a pooled connection: the provider's XAResource of the connection's
 * XA session, which also tells the connection's {@link SessionPair} when the session is in a branch, so that
 * the handles' work goes to the XA session exactly between {@code start} and {@code end}. Everything else is
 * the provider's; two of these compare as the same resource manager when their provider resources do.
 */
final class BranchResource implements XAResource {

    private final XAResource provider;
    private final Consumer<Boolean> active;

    /** @param active told true after a successful start, false at end */
    BranchResource(XAResource provider, Consumer<Boolean> active) {
        this.provider = provider;
        this.active = active;
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        provider.start(xid, flags);
        active.accept(true);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        active.accept(false);
        provider.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return provider.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        provider.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        provider.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        provider.forget(xid);
    }

    @Override
    public Xid[] recover(int flag) throws XAException {
        return provider.recover(flag);
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return provider.isSameRM(other instanceof BranchResource branch ? branch.provider : other);
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return provider.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return provider.setTransactionTimeout(seconds);
    }

    @Override
    public String toString() {
        return "BranchResource[" + provider + "]";
    }
}
