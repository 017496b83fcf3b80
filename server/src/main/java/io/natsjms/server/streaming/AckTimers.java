package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Redelivery of messages not acknowledged within their subscription's ack wait: one timer per
 * subscription, armed for its earliest pending deadline. Arming and finding what is due cost
 * O(log n) in the number of pending messages ({@link PendingMessages}). Owned by the engine loop.
 */
final class AckTimers {

    /** Deadlines this close are treated as due, to redeliver in batches rather than one by one. */
    private static final long DUE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

    private final Engine engine;
    private final Delivery delivery;

    AckTimers(Engine engine, Delivery delivery) {
        this.engine = engine;
        this.delivery = delivery;
    }

    /** Makes sure the timer fires by the subscription's earliest pending deadline. */
    void arm(Subscription sub) {
        if (sub.pending.isEmpty()) {
            cancel(sub);
            return;
        }
        long earliest = sub.pending.earliestDeadline();
        if (sub.ackTimer != null && sub.ackTimerDeadline <= earliest) {
            return;
        }
        cancel(sub);
        sub.ackTimerDeadline = earliest;
        sub.ackTimer = engine.loop.schedule(() -> onTimer(sub), earliest - Engine.monotonicNanos());
    }

    void cancel(Subscription sub) {
        if (sub.ackTimer != null) {
            sub.ackTimer.cancel(false);
            sub.ackTimer = null;
        }
    }

    private void onTimer(Subscription sub) {
        sub.ackTimer = null;
        if (sub.offline || sub.clientId == null || sub.clientId.isEmpty() || sub.pending.isEmpty()) {
            return;
        }
        Client client = engine.clients.byId(sub.clientId);
        if (!sub.isQueueMember() && client != null && client.hasFailedHeartbeats()) {
            sub.ackTimerDeadline = Engine.monotonicNanos() + sub.ackWaitNanos();
            sub.ackTimer = engine.loop.schedule(() -> onTimer(sub), sub.ackWaitNanos());
            return;
        }
        for (long sequence : sub.pending.dueBy(Engine.monotonicNanos() + DUE_SLACK_NANOS, Delivery.MAX_BURST)) {
            redeliver(sub, sequence, sub.isQueueMember());
        }
        // more still due fire again at once, after whatever else waits on the loop
        arm(sub);
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
     * instead.
     */
    void redeliver(Subscription sub, long sequence, boolean rebalance) {
        MsgProto msg = sub.channel.store.messages().lookup(sequence);
        if (msg == null) {
            sub.pending.remove(sequence);
            sub.clearRedeliveryCount(sequence);
            sub.channel.store.subscriptions().ackPending(sub.id, sequence);
            engine.commits.commitSoon();
            delivery.unstallIfBelowMax(sub);
            return;
        }
        Subscription target = sub;
        if (rebalance && sub.group != null) {
            Subscription best = sub.group.bestMember(engine.clients);
            if (best != null && best != sub) {
                sub.pending.remove(sequence);
                sub.channel.store.subscriptions().ackPending(sub.id, sequence);
                best.channel.store.subscriptions().addPending(best.id, sequence);
                target = best;
                engine.commits.commitSoon();
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
     * Counts one more redelivery of the sequence and stores the count on the subscription now holding
     * it, so that it survives a restart; it is committed lazily, like an ack.
     */
    private int bumpRedeliveryCount(Subscription target, long sequence) {
        int count = target.bumpRedeliveryCount(sequence);
        target.channel.store.subscriptions().setRedeliveryCount(target.id, sequence, count);
        engine.commits.commitSoon();
        return count;
    }
}
