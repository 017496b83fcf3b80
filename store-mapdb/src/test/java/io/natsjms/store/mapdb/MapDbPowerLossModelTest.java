package io.natsjms.store.mapdb;

import io.natsjms.store.mapdb.PowerLossFiles.Disorder;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
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
 * keeps writes out of order and leaves zeros after a torn write: today's store then refuses to open now and then
 * (a record torn inside the segment data of the last commit, see
 * {@code MapDbTornLastCommitTest}). {@code -Dnatsjms.powerloss.garbage=true} lets torn writes leave random bytes
 * (refused by design: the store tells damage from a torn write by the zeros). {@code -Dnatsjms.powerloss.undelete=true}
 * brings back files the store deleted without forcing their directory after: today's store then refuses to open
 * when the directory of a deleted channel comes back (see {@code MapDbDeletedChannelPowerLossTest}).
 */
class MapDbPowerLossModelTest {

    @TempDir
    Path dir;

    @Test
    void everyCommitThatReturnedSurvivesAPowerLoss() throws Exception {
        long seed = Long.getLong("natsjms.powerloss.seed", System.nanoTime());
        int rounds = Integer.getInteger("natsjms.powerloss.rounds", 30);
        Set<Disorder> disorders = EnumSet.noneOf(Disorder.class);
        StringBuilder replay = new StringBuilder();
        for (Disorder disorder : Disorder.values()) {
            String property = "natsjms.powerloss." + disorder.name().toLowerCase(Locale.ROOT);
            if (Boolean.getBoolean(property)) {
                disorders.add(disorder);
                replay.append(" -D").append(property).append("=true");
            }
        }
        System.out.println("MapDbPowerLossModelTest seed " + seed + ", " + rounds + " rounds, " + disorders + " (replay a round with"
                + " -Dnatsjms.powerloss.seed=<its seed> -Dnatsjms.powerloss.rounds=1)");
        for (int round = 0; round < rounds; round++) {
            long roundSeed = seed + round;
            String done;
            try {
                done = new PowerLossRound(dir.resolve("round-" + round), roundSeed, disorders).run();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("round " + round + " of seed " + seed + " failed; replay it with"
                        + " -Dtest=MapDbPowerLossModelTest -Dnatsjms.powerloss.seed=" + roundSeed
                        + " -Dnatsjms.powerloss.rounds=1" + replay
                        + ":\n" + e.getMessage(), e);
            }
            System.out.println("  round " + round + ", " + done);
        }
    }
}
