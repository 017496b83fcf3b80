package io.natsjms.server.streaming;

import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedTx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared transaction branches as the engine runs them: each as it is stored, with the messages
 * its acknowledgements hold. A held message stays pending on its subscription but is not redelivered
 * (see {@link Redelivery#redeliver}) until its branch is committed (the ack takes effect) or rolled
 * back (it goes again at once). Owned by the engine loop.
 */
final class PreparedBranches {

    /**
     * A message a prepared branch acknowledges: {@code sequence} of {@code channel}, pending on
     * subscription {@code subId} or, when that was a queue member, on whichever member of {@code group}
     * holds it now (a leaving member hands its pending messages to the others).
     */
    record Hold(String channel, long subId, long sequence, QueueGroup group) {

        /** Whether this hold names {@code sequence} pending on {@code sub}. */
        boolean names(Subscription sub, long sequence) {
            return this.sequence == sequence && channel.equals(sub.channel.name)
                    && (subId == sub.id || group != null && group == sub.group);
        }

        /** The subscription the message is pending on now, or {@code null} when it is pending nowhere. */
        Subscription holder(ChannelRegistry channels) {
            Channel ch = channels.get(channel);
            if (ch == null) {
                return null;
            }
            Subscription anchor = ch.byId.get(subId);
            if (anchor == null && group != null && ch.groups.get(group.key) == group) {
                anchor = group.shadow != null ? group.shadow : group.members.isEmpty() ? null : group.members.get(0);
            }
            return anchor == null ? null : AckHandler.owner(anchor, sequence);
        }
    }

    private record MessageKey(String channel, long sequence) {
    }

    /** A prepared branch: as stored, its holds, and whether its age was warned about. */
    private static final class Branch {
        final PreparedTx tx;
        final List<Hold> holds = new ArrayList<>();
        boolean warned;

        Branch(PreparedTx tx) {
            this.tx = tx;
        }
    }

    private final Map<BranchId, Branch> byId = new LinkedHashMap<>();
    private final Map<MessageKey, List<Hold>> byMessage = new HashMap<>();

    boolean contains(BranchId id) {
        return byId.containsKey(id);
    }

    /** The branch as stored, or {@code null}. */
    PreparedTx get(BranchId id) {
        Branch branch = byId.get(id);
        return branch == null ? null : branch.tx;
    }

    /** The holds of a branch (empty for an unknown one). */
    List<Hold> holds(BranchId id) {
        Branch branch = byId.get(id);
        return branch == null ? List.of() : List.copyOf(branch.holds);
    }

    int size() {
        return byId.size();
    }

    /** Every prepared branch, the oldest first. */
    List<PreparedTx> all() {
        List<PreparedTx> all = new ArrayList<>();
        for (Branch branch : byId.values()) {
            all.add(branch.tx);
        }
        all.sort(PreparedTransactions.PREPARE_ORDER);
        return all;
    }

    /** A branch that was just prepared (stored and committed), holding what its acks name. */
    void add(PreparedTx tx, List<Hold> holds) {
        Branch branch = new Branch(tx);
        byId.put(tx.getId(), branch);
        for (Hold hold : holds) {
            hold(branch, hold);
        }
    }

    /** Forgets a committed or rolled back branch; returns the holds it released. */
    List<Hold> remove(BranchId id) {
        Branch branch = byId.remove(id);
        if (branch == null) {
            return List.of();
        }
        for (Hold hold : branch.holds) {
            MessageKey key = new MessageKey(hold.channel(), hold.sequence());
            List<Hold> holds = byMessage.get(key);
            holds.remove(hold);
            if (holds.isEmpty()) {
                byMessage.remove(key);
            }
        }
        return branch.holds;
    }

    /** Whether a prepared branch holds {@code sequence} pending on {@code sub}. */
    boolean isHeld(Subscription sub, long sequence) {
        List<Hold> holds = byMessage.get(new MessageKey(sub.channel.name, sequence));
        if (holds == null) {
            return false;
        }
        for (Hold hold : holds) {
            if (hold.names(sub, sequence)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Recovery, first step: the branches found in the store, holding nothing yet ({@link #holdRecovered}
     * follows for each channel).
     */
    void loadRecovered(List<PreparedTx> txs) {
        for (PreparedTx tx : txs) {
            byId.put(tx.getId(), new Branch(tx));
        }
    }

    /**
     * Recovery, for each channel once its subscriptions are back (and before the members of queue
     * groups whose client is gone hand their pending messages on): the recovered branches hold what
     * their acks on this channel name.
     */
    void holdRecovered(Channel channel) {
        for (Branch branch : byId.values()) {
            for (PreparedAck ack : branch.tx.getAcksList()) {
                if (ack.getChannel().equals(channel.name)) {
                    Subscription sub = channel.byId.get(ack.getSubID());
                    hold(branch, new Hold(channel.name, ack.getSubID(), ack.getSequence(),
                            sub == null ? null : sub.group));
                }
            }
        }
    }

    /**
     * The branches prepared at least {@code limitNanos} before {@code nowWallNanos} that were not
     * reported yet; each is reported once.
     */
    List<PreparedTx> newlyOverdue(long nowWallNanos, long limitNanos) {
        List<PreparedTx> overdue = new ArrayList<>();
        for (Branch branch : byId.values()) {
            if (!branch.warned && nowWallNanos - branch.tx.getPreparedAt() >= limitNanos) {
                branch.warned = true;
                overdue.add(branch.tx);
            }
        }
        overdue.sort(PreparedTransactions.PREPARE_ORDER);
        return overdue;
    }

    private void hold(Branch branch, Hold hold) {
        branch.holds.add(hold);
        byMessage.computeIfAbsent(new MessageKey(hold.channel(), hold.sequence()), k -> new ArrayList<>()).add(hold);
    }
}
