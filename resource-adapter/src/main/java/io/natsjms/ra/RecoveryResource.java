package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.XAConnection;
import jakarta.jms.XAConnectionFactory;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * An XAResource the container's transaction manager recovers the branches of transacted deliveries with
 * ({@link NatsResourceAdapter#getXAResources}). It holds no connection while unused: a recovery scan opens
 * one at {@code TMSTARTRSCAN} and closes it at {@code TMENDRSCAN}; any other call outside a scan (a
 * commit, rollback or forget, a recover without {@code TMSTARTRSCAN}) opens one for that call only. It is
 * never enlisted, so {@code start}, {@code end} and {@code prepare} are protocol errors.
 */
final class RecoveryResource implements XAResource {

    private static final System.Logger LOG = System.getLogger(RecoveryResource.class.getName());

    private final String name;
    private final Supplier<? extends XAConnectionFactory> factories;
    /** The open connection and its session's resource, or null; guarded by this. */
    private XAConnection connection;
    private XAResource resource;
    private boolean scanning;

    /** @param factories a provider factory per connection, with the settings of the spec it recovers */
    RecoveryResource(String name, Supplier<? extends XAConnectionFactory> factories) {
        this.name = name;
        this.factories = factories;
    }

    @Override
    public synchronized Xid[] recover(int flags) throws XAException {
        if ((flags & TMSTARTRSCAN) != 0) {
            scanning = true;
        }
        try {
            return open().recover(flags);
        } finally {
            if ((flags & TMENDRSCAN) != 0) {
                scanning = false;
            }
            closeUnlessScanning();
        }
    }

    @Override
    public synchronized void commit(Xid xid, boolean onePhase) throws XAException {
        try {
            open().commit(xid, onePhase);
        } finally {
            closeUnlessScanning();
        }
    }

    @Override
    public synchronized void rollback(Xid xid) throws XAException {
        try {
            open().rollback(xid);
        } finally {
            closeUnlessScanning();
        }
    }

    @Override
    public synchronized void forget(Xid xid) throws XAException {
        try {
            open().forget(xid);
        } finally {
            closeUnlessScanning();
        }
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        throw notEnlisted("start");
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        throw notEnlisted("end");
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        throw notEnlisted("prepare");
    }

    /** Only itself: a recovery resource never joins another resource's branch. */
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

    private XAResource open() throws XAException {
        if (resource != null) {
            return resource;
        }
        XAConnection opened = null;
        try {
            opened = factories.get().createXAConnection();
            XAResource made = opened.createXASession().getXAResource();
            connection = opened;
            resource = made;
            return made;
        } catch (JMSException | RuntimeException e) {
            closeQuietly(opened);
            XAException failure = new XAException(name + ": cannot connect for recovery: " + e.getMessage());
            failure.errorCode = XAException.XAER_RMFAIL;
            failure.initCause(e);
            throw failure;
        }
    }

    private void closeUnlessScanning() {
        if (scanning || connection == null) {
            return;
        }
        closeQuietly(connection);
        connection = null;
        resource = null;
    }

    private static void closeQuietly(XAConnection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException e) {
            LOG.log(Level.DEBUG, "closing a recovery connection: {0}", e.getMessage());
        }
    }

    private XAException notEnlisted(String method) {
        XAException refused = new XAException(name + ": " + method + " on a recovery resource (expected: recover,"
                + " commit, rollback or forget; deliveries enlist the activation's own resources)");
        refused.errorCode = XAException.XAER_PROTO;
        return refused;
    }

    @Override
    public String toString() {
        return "RecoveryResource[" + name + "]";
    }
}
