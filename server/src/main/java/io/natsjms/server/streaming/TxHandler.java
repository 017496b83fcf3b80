package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.ext.TxRequest;
import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedTx;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * TxRequests (a natsjms extension, see {@link Extensions#txSubject(String)}): XA transaction branches
 * of sends and acks, staged in memory ({@link StagedBranches}), prepared durably (checked by
 * {@link BranchCheck}, stored, their acked messages held by {@link PreparedBranches}), committed in one
 * store commit ({@link BranchApply}) or rolled back (the held messages go again at once). A branch is
 * the cluster's: any registered client may complete any branch. Every request is answered with a
 * TxResponse carrying the XA code. Owned by the engine loop.
 */
final class TxHandler implements Transport.Handler {

    private static final System.Logger LOG = System.getLogger(TxHandler.class.getName());

    private final Transport transport;
    private final ClientRegistry clients;
    private final ChannelRegistry channels;
    private final Commits commits;
    private final EngineStats stats;
    private final Redelivery redelivery;
    private final StagedBranches staged;
    private final PreparedBranches prepared;
    private final PreparedTransactions stored;
    private final BranchCheck check;
    private final BranchApply apply;

    TxHandler(Transport transport, ClientRegistry clients, ChannelRegistry channels, Commits commits,
              EngineStats stats, Redelivery redelivery, StagedBranches staged, PreparedBranches prepared,
              PreparedTransactions stored, BranchCheck check, BranchApply apply) {
        this.transport = transport;
        this.clients = clients;
        this.channels = channels;
        this.commits = commits;
        this.stats = stats;
        this.redelivery = redelivery;
        this.staged = staged;
        this.prepared = prepared;
        this.stored = stored;
        this.check = check;
        this.apply = apply;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        stats.inMsgs++;
        stats.inBytes += data.length;
        TxResponse.Builder response = TxResponse.newBuilder();
        try {
            TxRequest request = decode(subject, data);
            response.setXaCode(handle(request, response));
        } catch (TxRefused e) {
            response.setXaCode(e.xaCode()).setError(e.getMessage());
        }
        if (replyTo != null && !replyTo.isEmpty()) {
            transport.publish(replyTo, response.build().toByteArray());
        }
    }

    private static TxRequest decode(String subject, byte[] data) throws TxRefused {
        try {
            return Codec.decode(TxRequest.parser(), data, "TxRequest", subject);
        } catch (ProtocolException e) {
            LOG.log(Level.DEBUG, e.getMessage());
            throw new TxRefused(XaCode.XAER_RMERR, Extensions.INVALID_TX_REQUEST);
        }
    }

    /** Carries out a decoded request; returns the XA code of its success. */
    private int handle(TxRequest request, TxResponse.Builder response) throws TxRefused {
        if (clients.byId(request.getClientID()) == null) {
            throw new TxRefused(XaCode.XAER_RMERR, ProtocolErrors.UNKNOWN_CLIENT_ID);
        }
        TxRequest.Op op = request.getOp();
        if (op == TxRequest.Op.RECOVER) {
            for (PreparedTx tx : prepared.all()) {
                response.addPrepared(BranchIds.toXid(tx.getId()));
            }
            return XaCode.XA_OK;
        }
        if (op == TxRequest.Op.OP_UNSPECIFIED || op == TxRequest.Op.UNRECOGNIZED) {
            throw new TxRefused(XaCode.XAER_INVAL, "op: " + request.getOpValue()
                    + " (expected: STAGE, PREPARE, COMMIT, COMMIT_ONE_PHASE, ROLLBACK, RECOVER or FORGET)");
        }
        if (!request.hasXid()) {
            throw new TxRefused(XaCode.XAER_INVAL, "xid: unset (expected: the branch's xid for " + op + ")");
        }
        BranchId id = BranchIds.of(request.getXid());
        boolean carriesContent = request.getSendsCount() > 0 || request.getAcksCount() > 0;
        if (carriesContent && op != TxRequest.Op.STAGE && op != TxRequest.Op.PREPARE
                && op != TxRequest.Op.COMMIT_ONE_PHASE) {
            throw new TxRefused(XaCode.XAER_INVAL, op + " with " + request.getSendsCount() + " sends and "
                    + request.getAcksCount() + " acks (expected: none; only STAGE, PREPARE and COMMIT_ONE_PHASE"
                    + " carry them)");
        }
        return switch (op) {
            case STAGE -> stage(id, request);
            case PREPARE -> prepare(id, request);
            case COMMIT -> commit(id);
            case COMMIT_ONE_PHASE -> commitOnePhase(id, request);
            case ROLLBACK -> rollback(id);
            case FORGET -> throw new TxRefused(XaCode.XAER_NOTA, "branch " + BranchIds.describe(id)
                    + " was not completed heuristically (no branch ever is); there is nothing to forget");
            default -> throw new IllegalStateException("op " + op + " was handled above");
        };
    }

    private int stage(BranchId id, TxRequest request) throws TxRefused {
        refuseIfPrepared(id, "STAGE");
        staged.stage(id, request.getClientID(), request.getSendsList(), request.getAcksList());
        return XaCode.XA_OK;
    }

    private int prepare(BranchId id, TxRequest request) throws TxRefused {
        refuseIfPrepared(id, "PREPARE");
        StagedBranches.Content content = content(id, request);
        BranchCheck.Checked checked = checkOrDiscard(id, content);
        if (checked.isEmpty()) {
            staged.remove(id);
            return XaCode.XA_RDONLY;
        }
        store(checked.tx());
        staged.remove(id);
        prepared.add(checked.tx(), checked.holds());
        LOG.log(Level.DEBUG, () -> "transaction branch " + BranchIds.describe(id) + " prepared: "
                + checked.tx().getSendsCount() + " sends, " + checked.holds().size() + " acks");
        return XaCode.XA_OK;
    }

    /** Puts and commits a prepared branch; on a store failure nothing of it stays in the store. */
    private void store(PreparedTx tx) throws TxRefused {
        try {
            stored.put(tx);
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "storing transaction branch " + BranchIds.describe(tx.getId()) + " failed: "
                    + e.getMessage(), e);
            throw new TxRefused(XaCode.XAER_RMFAIL, e.publicMessage());
        }
        try {
            commits.commitNow();
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "commit of prepared transaction branch " + BranchIds.describe(tx.getId())
                    + " failed: " + e.getMessage(), e);
            // the put stays pending in the store for its next commit: take it back
            stored.remove(tx.getId());
            throw new TxRefused(XaCode.XAER_RMFAIL, e.publicMessage());
        }
    }

    private int commit(BranchId id) throws TxRefused {
        PreparedTx tx = prepared.get(id);
        if (tx == null) {
            if (staged.contains(id)) {
                throw new TxRefused(XaCode.XAER_PROTO, "branch " + BranchIds.describe(id)
                        + " is not prepared (expected: PREPARE before a two-phase COMMIT)");
            }
            throw unknown(id);
        }
        apply.apply(tx, prepared.holds(id), true);
        prepared.remove(id);
        LOG.log(Level.DEBUG, () -> "transaction branch " + BranchIds.describe(id) + " committed");
        return XaCode.XA_OK;
    }

    private int commitOnePhase(BranchId id, TxRequest request) throws TxRefused {
        refuseIfPrepared(id, "COMMIT_ONE_PHASE");
        StagedBranches.Content content = content(id, request);
        BranchCheck.Checked checked = checkOrDiscard(id, content);
        if (!checked.isEmpty()) {
            apply.apply(checked.tx(), checked.holds(), false);
        }
        staged.remove(id);
        return XaCode.XA_OK;
    }

    /**
     * What was staged for the branch followed by the request's own sends and acks. A request that says
     * it completes staged content finds none when the client that staged it went away or the server
     * restarted: the branch is unknown.
     */
    private StagedBranches.Content content(BranchId id, TxRequest request) throws TxRefused {
        if (request.getStaged() && !staged.contains(id)) {
            throw new TxRefused(XaCode.XAER_NOTA, "branch " + BranchIds.describe(id) + " has no staged content (it"
                    + " was dropped with the client that staged it, or by a restart of the server)");
        }
        return staged.get(id).plus(request.getClientID(), request.getSendsList(), request.getAcksList());
    }

    /** Checks a branch's content; a branch that fails the check is discarded. */
    private BranchCheck.Checked checkOrDiscard(BranchId id, StagedBranches.Content content) throws TxRefused {
        try {
            return check.check(id, content.sends(), content.acks());
        } catch (TxRefused e) {
            staged.remove(id);
            LOG.log(Level.DEBUG, () -> "transaction branch " + BranchIds.describe(id) + " rolled back: "
                    + e.getMessage());
            throw e;
        }
    }

    private int rollback(BranchId id) throws TxRefused {
        PreparedTx tx = prepared.get(id);
        if (tx == null) {
            if (staged.remove(id)) {
                return XaCode.XA_OK;
            }
            throw unknown(id);
        }
        try {
            stored.remove(id);
            commits.commitNow();
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "rollback of prepared transaction branch " + BranchIds.describe(id) + " failed: "
                    + e.getMessage(), e);
            putBack(tx);
            throw new TxRefused(XaCode.XAER_RMFAIL, e.publicMessage());
        }
        List<PreparedBranches.Hold> released = prepared.remove(id);
        redeliver(released);
        LOG.log(Level.DEBUG, () -> "transaction branch " + BranchIds.describe(id) + " rolled back, "
                + released.size() + " held messages go again");
        return XaCode.XA_OK;
    }

    private void putBack(PreparedTx tx) {
        try {
            stored.put(tx);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "putting back prepared transaction branch " + BranchIds.describe(tx.getId())
                    + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The messages a rolled back branch held go again now, as if their ack wait had just expired; an
     * offline durable gets them when it resumes, and a message another prepared branch holds stays held.
     */
    private void redeliver(List<PreparedBranches.Hold> released) {
        for (PreparedBranches.Hold hold : released) {
            Subscription holder = hold.holder(channels);
            if (holder == null || holder.offline || prepared.isHeld(holder, hold.sequence())) {
                continue;
            }
            try {
                redelivery.redeliver(holder, hold.sequence(), holder.isQueueMember());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "redelivery of message " + hold.sequence() + " to " + holder
                        + " after a rollback failed: " + e.getMessage(), e);
            }
        }
    }

    private void refuseIfPrepared(BranchId id, String op) throws TxRefused {
        if (prepared.contains(id)) {
            throw new TxRefused(XaCode.XAER_PROTO, "branch " + BranchIds.describe(id) + " is prepared (expected: "
                    + "COMMIT or ROLLBACK, not " + op + ")");
        }
    }

    private static TxRefused unknown(BranchId id) {
        return new TxRefused(XaCode.XAER_NOTA, "branch " + BranchIds.describe(id) + " is not known (never prepared,"
                + " completed already, or dropped with the client that staged it)");
    }
}
