package io.natsjms.jms;

import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanTransactions;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.TreeSet;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * The XA resource of one {@link NatsXASession}. Between {@code start(xid)} and {@code end(xid)} the session
 * is enlisted: what it sends and what it consumes is held; {@code end} hands that to the branch
 * ({@link XaBranch}, shared by every resource that joined it), and {@code prepare} or a one-phase
 * {@code commit} takes it to the streaming server's transaction extension ({@link StanTransactions}), which
 * stores a prepared branch durably and applies it all in one store commit.
 *
 * <ul>
 *   <li>{@code prepare}: XA_OK, or XA_RDONLY for a branch with nothing in it (the server is not asked);</li>
 *   <li>{@code rollback}: the server redelivers the consumed messages at once (marked redelivered); a branch
 *       the server never saw is rolled back here, its messages handed out again by their consumers;</li>
 *   <li>{@code recover}: the server's prepared branches at TMSTARTRSCAN (or TMNOFLAGS with no scan open),
 *       nothing at a later call of the same scan;</li>
 *   <li>{@code isSameRM}: another natsjms resource of the same cluster ID and NATS servers;</li>
 *   <li>{@code forget}: XAER_NOTA (the server never completes a branch on its own); transaction timeouts
 *       are not supported;</li>
 *   <li>failures: the server's XA code and words; XAER_RMFAIL when the server does not answer (timeout,
 *       NATS disconnected, connection closed); XAER_RMERR when it has no transaction extension.</li>
 * </ul>
 */
final class NatsXAResource implements XAResource {

    private static final System.Logger LOG = System.getLogger(NatsXAResource.class.getName());
    private static final int START_FLAGS = TMJOIN | TMRESUME;
    private static final int SCAN_FLAGS = TMSTARTRSCAN | TMENDRSCAN;

    private final NatsXASession session;
    private final XaBranches branches;
    private final String resourceManager;
    /** The branch the session works for now, or null; guarded by this. */
    private volatile XaBranch association;
    /** Whether a recovery scan is open (TMSTARTRSCAN came, TMENDRSCAN not yet); guarded by this. */
    private boolean scanning;

    NatsXAResource(NatsXASession session, XaBranches branches) {
        this.session = session;
        this.branches = branches;
        this.resourceManager = resourceManager(session.connection());
    }

    /** The cluster ID and the NATS servers, in a canonical order: equal for resources of one resource manager. */
    private static String resourceManager(NatsConnection connection) {
        return connection.config().clusterId() + "@" + new TreeSet<>(connection.config().servers());
    }

    /** Whether the session is enlisted in a branch now (its work is held for it). */
    boolean isEnlisted() {
        return association != null;
    }

    // ---- association

    @Override
    public void start(Xid xid, int flags) throws XAException {
        if ((flags & ~START_FLAGS) != 0 || flags == START_FLAGS) {
            throw XaFailures.of(XAException.XAER_INVAL, "start flags: " + flags + " (expected: TMNOFLAGS, TMJOIN or TMRESUME)");
        }
        XaBranchKey key = key(xid);
        synchronized (this) {
            if (association != null) {
                throw XaFailures.of(XAException.XAER_PROTO, "start(" + key + "): the session is already enlisted in "
                        + association.key() + " (expected: end it first)");
            }
            XaBranch branch;
            if (flags == TMNOFLAGS) {
                branch = branches.create(key);
                if (branch == null) {
                    throw XaFailures.of(XAException.XAER_DUPID, "start(" + key + "): the branch exists (expected:"
                            + " TMJOIN or TMRESUME to take part in it)");
                }
                branch.associate(this);
            } else {
                branch = branches.get(key);
                if (branch == null) {
                    throw XaFailures.of(XAException.XAER_NOTA, "start(" + key + ", " + (flags == TMJOIN ? "TMJOIN"
                            : "TMRESUME") + "): no such branch here");
                }
                if (flags == TMJOIN) {
                    branch.associate(this);
                } else {
                    branch.resume(this);
                }
            }
            association = branch;
        }
        session.acks().claimListenerDelivery();
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        if (flags != TMSUCCESS && flags != TMFAIL && flags != TMSUSPEND) {
            throw XaFailures.of(XAException.XAER_INVAL, "end flags: " + flags + " (expected: TMSUCCESS, TMFAIL or TMSUSPEND)");
        }
        XaBranchKey key = key(xid);
        synchronized (this) {
            XaBranch current = association;
            if (current != null && current.key().equals(key)) {
                current.end(this, flags, session.sends().takeHeld(), session.acks().takeConsumed());
                association = null;
                return;
            }
            XaBranch branch = branches.get(key);
            if (branch == null) {
                throw XaFailures.of(XAException.XAER_NOTA, "end(" + key + "): no such branch here");
            }
            if (flags == TMSUSPEND || !branch.isSuspendedBy(this)) {
                throw XaFailures.of(XAException.XAER_PROTO, "end(" + key + "): the session is not enlisted in it"
                        + " (expected: start before end)");
            }
            branch.end(this, flags, List.of(), List.of());
        }
    }

    /**
     * The session is closing while enlisted: what it holds goes to the branch now, so that the branch's
     * prepare still sends it (the association itself ends with {@code end}, as the transaction manager calls it).
     */
    synchronized void sessionClosing() {
        XaBranch current = association;
        if (current != null) {
            current.addWork(session.sends().takeHeld(), session.acks().takeConsumed());
        }
    }

    // ---- completion

    @Override
    public int prepare(Xid xid) throws XAException {
        XaBranchKey key = key(xid);
        XaBranch branch = existing("prepare", key);
        branch.requireEnded("prepare", false);
        if (branch.isRollbackOnly()) {
            throw rollBackHere(branch, "prepare(" + key + "): a session ended its work with TMFAIL");
        }
        if (branch.isEmpty()) {
            branches.remove(branch);
            return XA_RDONLY;
        }
        TxResponse response = request("prepare(" + key + ")", branch, tx -> tx.prepare(key.toProto(),
                branch.takeSendsForServer(), branch.acksForServer()));
        int code = response.getXaCode();
        if (code == XA_OK) {
            branch.markPrepared();
            return XA_OK;
        }
        if (code == XA_RDONLY) {
            branches.remove(branch);
            branch.rolledBackOnServer();
            return XA_RDONLY;
        }
        if (XaFailures.rolledBack(code)) {
            branches.remove(branch);
            branch.rolledBackLocally();
        }
        throw XaFailures.refused("prepare(" + key + ")", response);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        XaBranchKey key = key(xid);
        if (onePhase) {
            commitOnePhase(key, existing("commit", key));
            return;
        }
        XaBranch branch = branches.get(key);
        if (branch != null) {
            branch.requireEnded("commit", true);
        }
        TxResponse response = request("commit(" + key + ")", branch, tx -> tx.commit(key.toProto()));
        int code = response.getXaCode();
        if (branch != null && (code == XA_OK || code == XAException.XAER_NOTA)) {
            branches.remove(branch);
            if (code == XA_OK) {
                branch.committed();
            } else {
                branch.rolledBackOnServer();
            }
        }
        if (code != XA_OK) {
            throw XaFailures.refused("commit(" + key + ")", response);
        }
    }

    private void commitOnePhase(XaBranchKey key, XaBranch branch) throws XAException {
        branch.requireEnded("commit", false);
        if (branch.isRollbackOnly()) {
            throw rollBackHere(branch, "commit(" + key + ", one phase): a session ended its work with TMFAIL");
        }
        if (branch.isEmpty()) {
            branches.remove(branch);
            return;
        }
        TxResponse response;
        try {
            response = request("commit(" + key + ", one phase)", branch, tx -> tx.commitOnePhase(key.toProto(),
                    branch.takeSendsForServer(), branch.acksForServer()));
        } catch (XAException e) {
            // outcome unknown: a retry would find nothing to commit; the server redelivers what it did not apply
            branches.remove(branch);
            branch.rolledBackOnServer();
            throw e;
        }
        int code = response.getXaCode();
        if (code == XA_OK) {
            branches.remove(branch);
            branch.committed();
            return;
        }
        if (XaFailures.rolledBack(code)) {
            branches.remove(branch);
            branch.rolledBackLocally();
        }
        throw XaFailures.refused("commit(" + key + ", one phase)", response);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        XaBranchKey key = key(xid);
        XaBranch branch = branches.get(key);
        if (branch != null) {
            branch.requireEnded("rollback", branch.isPrepared());
            if (!branch.wasSent()) {
                branches.remove(branch);
                branch.rolledBackLocally();
                return;
            }
            branch.rolledBackOnServer();
        }
        TxResponse response = request("rollback(" + key + ")", branch, tx -> tx.rollback(key.toProto()));
        int code = response.getXaCode();
        if (branch != null && (code == XA_OK || code == XAException.XAER_NOTA)) {
            branches.remove(branch);
            return;
        }
        if (code != XA_OK) {
            throw XaFailures.refused("rollback(" + key + ")", response);
        }
    }

    @Override
    public Xid[] recover(int flags) throws XAException {
        if ((flags & ~SCAN_FLAGS) != 0) {
            throw XaFailures.of(XAException.XAER_INVAL, "recover flags: " + flags
                    + " (expected: TMSTARTRSCAN, TMENDRSCAN, both, or TMNOFLAGS)");
        }
        boolean list;
        synchronized (this) {
            list = (flags & TMSTARTRSCAN) != 0 || !scanning;
            scanning = (flags & TMENDRSCAN) == 0 && (list || scanning);
        }
        if (!list) {
            return new Xid[0];
        }
        TxResponse response = request("recover", null, StanTransactions::recover);
        if (response.getXaCode() != XA_OK) {
            throw XaFailures.refused("recover", response);
        }
        return response.getPreparedList().stream().map(NatsXid::new).toArray(Xid[]::new);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        throw XaFailures.of(XAException.XAER_NOTA, "forget(" + key(xid) + "): the streaming server never completes a"
                + " branch heuristically, so there is nothing to forget");
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other instanceof NatsXAResource resource && resource.resourceManager.equals(resourceManager);
    }

    /** Transaction timeouts are not supported: a branch lasts until the transaction manager ends it. */
    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    /** Not supported: returns false. */
    @Override
    public boolean setTransactionTimeout(int seconds) {
        return false;
    }

    // ---- helpers

    private XaBranchKey key(Xid xid) throws XAException {
        return XaBranchKey.of(resourceManager, xid);
    }

    private XaBranch existing(String operation, XaBranchKey key) throws XAException {
        XaBranch branch = branches.get(key);
        if (branch == null) {
            throw XaFailures.of(XAException.XAER_NOTA, operation + "(" + key + "): no such branch here");
        }
        return branch;
    }

    /** Rolls back a branch the server never saw and says so with XA_RBROLLBACK. */
    private XAException rollBackHere(XaBranch branch, String why) {
        branches.remove(branch);
        branch.rolledBackLocally();
        return XaFailures.of(XAException.XA_RBROLLBACK, why + "; rolled back");
    }

    private interface TxCall {
        TxResponse call(StanTransactions transactions) throws StanException;
    }

    /** Runs one request of the transaction extension over the session's connection. */
    private TxResponse request(String what, XaBranch branch, TxCall call) throws XAException {
        NatsConnection connection = session.connection();
        try {
            if (connection.isClosed()) {
                throw XaFailures.of(XAException.XAER_RMFAIL, what + ": the connection of the session is closed");
            }
            return call.call(new StanTransactions(connection.stan(), connection.config().pubAckTimeout()));
        } catch (StanException e) {
            LOG.log(Level.DEBUG, () -> what + " failed for " + branch + ": " + e.getMessage());
            throw XaFailures.of(what, e);
        } catch (IllegalArgumentException e) {
            XAException failure = XaFailures.of(XAException.XA_RBROLLBACK, what + ": " + e.getMessage());
            failure.initCause(e);
            if (branch != null) {
                branches.remove(branch);
                branch.rolledBackLocally();
            }
            throw failure;
        }
    }

    @Override
    public String toString() {
        return "NatsXAResource[" + resourceManager + ", session of " + session.connection() + "]";
    }
}
