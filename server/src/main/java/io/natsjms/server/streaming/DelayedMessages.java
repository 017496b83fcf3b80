package io.natsjms.server.streaming;

import io.natsjms.store.MessageSchedule;
import io.natsjms.store.spb.ScheduledMsg;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The timer of the scheduled messages (see {@link ScheduleHandler}): one loop timer, set for the
 * earliest due time; when it fires, every message due by then goes to the {@link PublishPipeline},
 * which appends it to its channel and removes it from the store's schedule in one commit. Due times
 * are the server's wall clock, checked again when the timer fires, so a message is never appended
 * before its time. A message its channel could not take (too many channels, a failed commit) stays
 * scheduled and is tried again {@link #RETRY_NANOS} later. Owned by the engine loop.
 */
final class DelayedMessages {

    private static final System.Logger LOG = System.getLogger(DelayedMessages.class.getName());

    /** How long a due message that could not be stored waits before it is tried again. */
    static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EngineLoop loop;
    private final PublishPipeline pipeline;
    /** What is scheduled and not being retried, the earliest due first. */
    private final TreeSet<ScheduledMsg> queue = new TreeSet<>(MessageSchedule.DUE_ORDER);
    private ScheduledFuture<?> timer;
    /** The due time (Unix ns) {@link #timer} is set for. */
    private long timerDue;

    DelayedMessages(EngineLoop loop, PublishPipeline pipeline) {
        this.loop = loop;
        this.pipeline = pipeline;
    }

    /** Waits for {@code msg}'s due time (already stored in the schedule). */
    void add(ScheduledMsg msg) {
        queue.add(msg);
        arm();
    }

    /** After a restart: waits for everything the store's schedule holds; what is overdue goes at once. */
    void restore(List<ScheduledMsg> scheduled) {
        queue.addAll(scheduled);
        if (!scheduled.isEmpty()) {
            LOG.log(Level.INFO, () -> scheduled.size() + " scheduled messages recovered");
        }
        arm();
    }

    /** How many messages wait for their time. */
    int size() {
        return queue.size();
    }

    private void arm() {
        if (queue.isEmpty()) {
            return;
        }
        long due = queue.first().getDueTime();
        if (timer != null) {
            if (timerDue <= due) {
                return;
            }
            timer.cancel(false);
        }
        timerDue = due;
        timer = loop.schedule(this::fire, due - Engine.wallNanos());
    }

    private void fire() {
        timer = null;
        long now = Engine.wallNanos();
        List<ScheduledMsg> due = new ArrayList<>();
        while (!queue.isEmpty() && queue.first().getDueTime() <= now && due.size() < PublishPipeline.MAX_BATCH) {
            due.add(queue.pollFirst());
        }
        if (!due.isEmpty()) {
            List<ScheduledMsg> failed = pipeline.storeDue(due);
            if (!failed.isEmpty()) {
                LOG.log(Level.WARNING, () -> failed.size() + " due scheduled messages could not be stored yet"
                        + " (first: " + failed.get(0).getGuid() + " on \"" + failed.get(0).getChannel()
                        + "\"); trying again in " + TimeUnit.NANOSECONDS.toMillis(RETRY_NANOS) + " ms");
                loop.schedule(() -> {
                    queue.addAll(failed);
                    arm();
                }, RETRY_NANOS);
            }
        }
        arm();
    }
}
