package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Redelivery of messages not acknowledged within their subscription's ack wait. It builds on first
 * delivery: it owns the {@link Delivery} that sends new messages and the {@link AckClock} that times
 * every message sent, and decides, when a subscription's clock fires, what goes again and to whom.
 * Owned by the engine loop.
 */
final class Redelivery {

    /** Deadlines this close are treated as due, to redeliver in batches rather than one by one. */
    private static final long DUE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

    private final EngineLoop loop;
    private final ClientRegistry clients;
    private final Commits commits;
    private final AckClock clock;
    private final Delivery delivery;
    private final PreparedBranches prepared;

    /**
     * Takes what its own work needs, and what the {@link Delivery} it owns needs ({@code transport}, {@code
     * stats}).
     */
    Redelivery(EngineLoop loop, Transport transport, ClientRegistry clients, Commits commits, EngineStats stats,
               PreparedBranches prepared) {
        this.loop = loop;
        this.prepared = prepared;
        this.clients = clients;
        this.commits = commits;
        this.clock = new AckClock(loop, this::onDue);
        this.delivery = new Delivery(loop, transport, clients, commits, stats, clock);
    }

    /** First delivery of new messages (timed by this redelivery's clock). */
    Delivery delivery() {
        return delivery;
    }

    /** Makes sure the subscription's timer fires by its earliest pending deadline. */
    void arm(Subscription sub) {
        clock.arm(sub);
    }

    void cancel(Subscription sub) {
        clock.cancel(sub);
    }

    /**
     * Whether a prepared transaction branch holds this pending message: it must stay pending where
     * it is (or with another member of its group), neither redelivered nor parked.
     */
    boolean isHeld(Subscription sub, long sequence) {
        return prepared.isHeld(sub, sequence);
    }

    private void onDue(Subscription sub) {
        if (sub.offline || sub.clientId == null || sub.clientId.isEmpty() || sub.pending.isEmpty()) {
            return;
        }
        Client client = clients.byId(sub.clientId);
        if (!sub.isQueueMember() && client != null && client.hasFailedHeartbeats()) {
            clock.postpone(sub, sub.ackWaitNanos());
            return;
        }
        for (long sequence : sub.pending.dueBy(Engine.monotonicNanos() + DUE_SLACK_NANOS, Delivery.MAX_BURST)) {
            redeliver(sub, sequence, sub.isQueueMember());
        }
        // more still due fire again at once, after whatever else waits on the loop
        clock.arm(sub);
    }

    /** Redelivers every pending message of the subscription now, in sequence order, to itself. */
    void redeliverAllPending(Subscription sub) {
        for (long sequence : new ArrayList<>(sub.pending.keySet())) {
            redeliver(sub, sequence, false);
        }
    }

    /**
     * Redelivers one pending message: to the subscription itself or, for a queue member when
     * {@code rebalance} is set, to the group's best member. A message dropped by limits is acked
     * instead. A message a prepared transaction branch holds stays pending without a deadline: its
     * branch's commit acknowledges it, its rollback redelivers it.
     */
    void redeliver(Subscription sub, long sequence, boolean rebalance) {
        if (prepared.isHeld(sub, sequence)) {
            sub.pending.put(sequence, PendingMessages.NO_DEADLINE);
            return;
        }
        MsgProto msg = sub.channel.store.messages().lookup(sequence);
        if (msg == null) {
            sub.pending.remove(sequence);
            sub.clearRedeliveryCount(sequence);
            sub.channel.store.subscriptions().ackPending(sub.id, sequence);
            commits.commitSoon();
            delivery.unstallIfBelowMax(sub);
            return;
        }
        Subscription target = sub;
        if (sub.group != null && sub.group.selective()) {
            target = selectiveTarget(sub, msg, rebalance);
            if (target == null) {
                delivery.parkPending(sub.group, sub, msg);
                delivery.unstallIfBelowMax(sub);
                return;
            }
            if (target != sub) {
                move(sub, target, sequence);
            }
        } else if (rebalance && sub.group != null) {
            Subscription best = sub.group.bestMember(clients);
            if (best != null && best != sub) {
                move(sub, best, sequence);
                target = best;
            }
        }
        delivery.send(target, msg, true, bumpRedeliveryCount(target, sequence));
        if (target.atMaxInFlight()) {
            target.stalled = true;
        }
        if (target != sub) {
            delivery.unstallIfBelowMax(sub);
        }
    }

    /**
     * Where a pending message of a member of a group with selectors goes again: with {@code rebalance}
     * to the best member that selects it, else to the member holding it while it still selects it
     * (a selector on JMSXDeliveryCount may stop selecting it); {@code null} when nobody can take it.
     */
    private Subscription selectiveTarget(Subscription sub, MsgProto msg, boolean rebalance) {
        int deliveryCount = sub.redeliveryCount(msg.getSequence()) + 2;
        if (rebalance) {
            Subscription best = sub.group.bestSelecting(clients, sub.group.selecting(msg, deliveryCount));
            if (best != null) {
                return best;
            }
        }
        return sub.selector.selects(msg, deliveryCount) ? sub : null;
    }

    private void move(Subscription from, Subscription to, long sequence) {
        from.pending.remove(sequence);
        from.channel.store.subscriptions().ackPending(from.id, sequence);
        to.channel.store.subscriptions().addPending(to.id, sequence);
        commits.commitSoon();
    }

    /**
     * Counts one more redelivery of the sequence and stores the count on the subscription now holding
     * it, so that it survives a restart; it is committed lazily, like an ack.
     */
    private int bumpRedeliveryCount(Subscription target, long sequence) {
        int count = target.bumpRedeliveryCount(sequence);
        target.channel.store.subscriptions().setRedeliveryCount(target.id, sequence, count);
        commits.commitSoon();
        return count;
    }
}
