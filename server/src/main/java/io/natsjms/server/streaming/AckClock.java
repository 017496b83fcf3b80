package io.natsjms.server.streaming;

import java.util.function.Consumer;

/**
 * The ack-wait timer of every subscription: one timer each, armed for the subscription's earliest
 * pending deadline ({@link PendingMessages} finds it in O(log n)). The clock only says when; what a
 * firing does is given by its owner. Owned by the engine loop.
 */
final class AckClock {

    private final EngineLoop loop;
    private final Consumer<Subscription> onDue;

    AckClock(EngineLoop loop, Consumer<Subscription> onDue) {
        this.loop = loop;
        this.onDue = onDue;
    }

    /** Makes sure the timer fires by the subscription's earliest pending deadline, if one has a deadline. */
    void arm(Subscription sub) {
        if (sub.pending.earliestDeadline() == PendingMessages.NO_DEADLINE) {
            cancel(sub);
            return;
        }
        long earliest = sub.pending.earliestDeadline();
        if (sub.ackTimer != null && sub.ackTimerDeadline <= earliest) {
            return;
        }
        cancel(sub);
        schedule(sub, earliest);
    }

    /** Fires after {@code delayNanos} whatever the pending deadlines say. */
    void postpone(Subscription sub, long delayNanos) {
        cancel(sub);
        schedule(sub, Engine.monotonicNanos() + delayNanos);
    }

    void cancel(Subscription sub) {
        if (sub.ackTimer != null) {
            sub.ackTimer.cancel(false);
            sub.ackTimer = null;
        }
    }

    private void schedule(Subscription sub, long deadline) {
        sub.ackTimerDeadline = deadline;
        sub.ackTimer = loop.schedule(() -> {
            sub.ackTimer = null;
            onDue.accept(sub);
        }, deadline - Engine.monotonicNanos());
    }
}
