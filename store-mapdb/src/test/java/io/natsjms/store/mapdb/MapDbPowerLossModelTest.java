package io.natsjms.store.mapdb;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded randomized test of the store under {@code fsync=always} against an OS crash or power loss, where only
 * what was forced survives plus any part of what was not ({@link PowerLossFiles}): each round
 * ({@link PowerLossRound}) runs a random workload mirrored by a model, cuts the power between two calls or inside a
 * commit, and checks that the store opens again holding exactly the last commit that returned (or the one under
 * way), then takes new commits. Replay a round with {@code -Dnatsjms.powerloss.seed=<seed>
 * -Dnatsjms.powerloss.rounds=1}.
 *
 * <p>By default the disk keeps, of what was not forced, a prefix of each file's writes (the last one maybe torn at
 * a sector boundary), which is what the store's recovery expects. {@code -Dnatsjms.powerloss.unordered=true} also
 * keeps writes out of order and leaves zeros after a torn write: today's store then refuses to open in about one
 * round of a hundred (a torn record in the segment data of the last commit, see
 * {@code MapDbTornLastCommitTest}). {@code -Dnatsjms.powerloss.garbage=true} lets torn writes leave random bytes
 * (refused by design: the store tells damage from a torn write by the zeros).
 */
class MapDbPowerLossModelTest {

    @TempDir
    Path dir;

    @Test
    void everyCommitThatReturnedSurvivesAPowerLoss() throws Exception {
        long seed = Long.getLong("natsjms.powerloss.seed", System.nanoTime());
        int rounds = Integer.getInteger("natsjms.powerloss.rounds", 30);
        boolean unordered = Boolean.getBoolean("natsjms.powerloss.unordered");
        boolean garbage = Boolean.getBoolean("natsjms.powerloss.garbage");
        System.out.println("MapDbPowerLossModelTest seed " + seed + ", " + rounds + " rounds (replay a round with"
                + " -Dnatsjms.powerloss.seed=<its seed> -Dnatsjms.powerloss.rounds=1)");
        for (int round = 0; round < rounds; round++) {
            long roundSeed = seed + round;
            String done;
            try {
                done = new PowerLossRound(dir.resolve("round-" + round), roundSeed, unordered, garbage).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("round " + round + " of seed " + seed + " failed; replay it with"
                        + " -Dtest=MapDbPowerLossModelTest -Dnatsjms.powerloss.seed=" + roundSeed
                        + " -Dnatsjms.powerloss.rounds=1" + (unordered ? " -Dnatsjms.powerloss.unordered=true" : "")
                        + (garbage ? " -Dnatsjms.powerloss.garbage=true" : "")
                        + ":\n" + e.getMessage(), e);
            }
            System.out.println("  round " + round + ", " + done);
        }
    }
}
