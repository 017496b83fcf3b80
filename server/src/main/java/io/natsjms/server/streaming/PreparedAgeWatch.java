package io.natsjms.server.streaming;

import io.natsjms.store.spb.PreparedTx;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * The timeout policy of prepared transaction branches, which is that they have none: only the
 * transaction manager (or an operator through it) ends a prepared branch, since the server cannot know
 * whether the other resources of the transaction committed. What it does instead is say so: once at
 * startup, how many prepared branches it recovered and how old the oldest is; then, checking every
 * minute, a WARNING once for each branch prepared for longer than {@link #LIMIT}. Owned by the engine
 * loop.
 */
final class PreparedAgeWatch {

    private static final System.Logger LOG = System.getLogger(PreparedAgeWatch.class.getName());

    /** How long a branch may stay prepared before the log warns about it. */
    static final Duration LIMIT = Duration.ofMinutes(10);
    private static final Duration PERIOD = Duration.ofMinutes(1);

    private final EngineLoop loop;
    private final PreparedBranches prepared;

    PreparedAgeWatch(EngineLoop loop, PreparedBranches prepared) {
        this.loop = loop;
        this.prepared = prepared;
    }

    /** Logs what recovery brought back, warns about what is overdue already, and keeps checking. */
    void start() {
        List<PreparedTx> all = prepared.all();
        if (!all.isEmpty()) {
            PreparedTx oldest = all.get(0);
            LOG.log(Level.INFO, () -> "recovered " + all.size() + " prepared transaction branch"
                    + (all.size() == 1 ? "" : "es") + ", the oldest " + BranchIds.describe(oldest.getId())
                    + " prepared " + age(oldest, Engine.wallNanos()) + " ago; their acknowledged messages stay"
                    + " held until a transaction manager commits or rolls them back");
        }
        check();
    }

    private void check() {
        long now = Engine.wallNanos();
        for (PreparedTx tx : prepared.newlyOverdue(now, LIMIT.toNanos())) {
            LOG.log(Level.WARNING, () -> "transaction branch " + BranchIds.describe(tx.getId()) + " has been prepared"
                    + " for " + age(tx, now) + " (" + tx.getSendsCount() + " sends, " + tx.getAcksCount()
                    + " acks held); prepared branches never time out: its transaction manager must commit or"
                    + " roll it back");
        }
        loop.schedule(this::check, PERIOD.toNanos());
    }

    private static String age(PreparedTx tx, long nowWallNanos) {
        Duration age = Duration.ofNanos(Math.max(0, nowWallNanos - tx.getPreparedAt()));
        return age.toSeconds() + " s";
    }
}
