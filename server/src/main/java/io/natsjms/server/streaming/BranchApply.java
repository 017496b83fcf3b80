package io.natsjms.server.streaming;

import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a checked transaction branch (COMMIT, or COMMIT_ONE_PHASE after {@link BranchCheck}): every
 * send is appended to its channel as a publish of this moment (a guid in the duplicate window is
 * skipped), every ack takes effect as a STAN ack does, and a prepared branch's record is removed, all
 * in one store commit. Only then does the engine forget the acknowledged messages and offer the new
 * ones to subscribers. When that commit fails, the store has dropped the appended messages and the
 * other changes are taken back, so the branch is as it was before. Owned by the engine loop.
 */
final class BranchApply {

    private static final System.Logger LOG = System.getLogger(BranchApply.class.getName());

    /** An ack written to the store, with what taking it back needs. */
    private record Acked(Subscription owner, long sequence, int redeliveryCount) {
    }

    private final ChannelRegistry channels;
    private final Commits commits;
    private final EngineStats stats;
    private final PublishIds ids;
    private final PublishPipeline pipeline;
    private final AckHandler acks;
    private final PreparedTransactions stored;

    BranchApply(ChannelRegistry channels, Commits commits, EngineStats stats, PublishIds ids,
                PublishPipeline pipeline, AckHandler acks, PreparedTransactions stored) {
        this.channels = channels;
        this.commits = commits;
        this.stats = stats;
        this.ids = ids;
        this.pipeline = pipeline;
        this.acks = acks;
        this.stored = stored;
    }

    /**
     * Applies {@code tx} whose acks name {@code holds}.
     *
     * @param prepared whether {@code tx} is stored as prepared (its record is removed in the same commit)
     * @throws TxRefused XAER_RMFAIL when the store failed: nothing was applied
     */
    void apply(PreparedTx tx, List<PreparedBranches.Hold> holds, boolean prepared) throws TxRefused {
        for (PreparedSend send : tx.getSendsList()) {
            try {
                // created at prepare, but an inactive channel may have been deleted since
                channels.getOrCreate(send.getChannel());
            } catch (RequestRejected e) {
                throw new TxRefused(XaCode.XAER_RMFAIL, "channel \"" + send.getChannel() + "\": " + e.wireError());
            }
        }
        List<PreparedSend> appended = new ArrayList<>();
        List<Acked> acked = new ArrayList<>();
        Set<Channel> touched = new LinkedHashSet<>();
        try {
            long now = Engine.wallNanos();
            for (PreparedSend send : tx.getSendsList()) {
                if (ids.enabled() && ids.contains(send.getChannel(), send.getGuid(), now)) {
                    stats.duplicates++;
                    continue;
                }
                String error = pipeline.append(send.getChannel(), send.getGuid(), send.getReply(), send.getData(),
                        touched);
                if (error != null) {
                    throw new TxRefused(XaCode.XAER_RMFAIL, "append to \"" + send.getChannel() + "\": " + error);
                }
                appended.add(send);
            }
            for (PreparedBranches.Hold hold : holds) {
                Subscription owner = hold.holder(channels);
                if (owner != null) {
                    owner.channel.store.subscriptions().ackPending(owner.id, hold.sequence());
                    acked.add(new Acked(owner, hold.sequence(), owner.redeliveryCount(hold.sequence())));
                }
            }
            if (prepared) {
                stored.remove(tx.getId());
            }
            commits.commitNow();
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "commit of transaction branch " + BranchIds.describe(tx.getId()) + " failed: "
                    + e.getMessage(), e);
            takeBack(tx, prepared, appended, acked);
            throw new TxRefused(XaCode.XAER_RMFAIL, e.publicMessage());
        } catch (TxRefused e) {
            LOG.log(Level.ERROR, "commit of transaction branch " + BranchIds.describe(tx.getId()) + " failed: "
                    + e.getMessage());
            takeBack(tx, prepared, appended, acked);
            throw e;
        }
        for (Acked ack : acked) {
            acks.acked(ack.owner(), ack.sequence());
        }
        pipeline.deliverStored(touched);
    }

    /**
     * After a failed commit (or a failed append, which leaves the store unusable): the store keeps
     * every change but the appends for its next commit, so the acks and the removal are undone.
     */
    private void takeBack(PreparedTx tx, boolean prepared, List<PreparedSend> appended, List<Acked> acked) {
        for (PreparedSend send : appended) {
            ids.remove(send.getChannel(), send.getGuid());
        }
        try {
            for (Acked ack : acked) {
                ack.owner().channel.store.subscriptions().addPending(ack.owner().id, ack.sequence());
                if (ack.redeliveryCount() > 0) {
                    ack.owner().channel.store.subscriptions().setRedeliveryCount(ack.owner().id, ack.sequence(),
                            ack.redeliveryCount());
                }
            }
            if (prepared) {
                stored.put(tx);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "taking back the failed commit of transaction branch "
                    + BranchIds.describe(tx.getId()) + " failed: " + e.getMessage(), e);
        }
    }
}
