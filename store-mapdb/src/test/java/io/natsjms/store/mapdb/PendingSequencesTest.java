package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PendingSequencesTest {

    @Test
    void keepsSequencesAddedOutOfOrderSorted() {
        PendingSequences pending = new PendingSequences();
        pending.add(5);
        pending.add(9);
        pending.add(1);
        pending.add(7);

        assertThat(pending.toArray()).containsExactly(1, 5, 7, 9);
        assertThat(pending.add(7)).isFalse();
        assertThat(pending.size()).isEqualTo(4);
    }

    @Test
    void removesOnlyWhatIsPendingAtTheEdgesAndInBetween() {
        PendingSequences pending = new PendingSequences();
        for (long seq = 10; seq <= 14; seq++) {
            pending.add(seq);
        }

        assertThat(pending.remove(9)).isFalse();
        assertThat(pending.remove(15)).isFalse();
        assertThat(pending.remove(12)).isTrue();
        assertThat(pending.remove(12)).isFalse();
        assertThat(pending.contains(12)).isFalse();
        assertThat(pending.remove(11)).isTrue();
        assertThat(pending.remove(10)).isTrue(); // the head moves past 11 and 12, removed before
        assertThat(pending.remove(14)).isTrue();
        assertThat(pending.toArray()).containsExactly(13);
        assertThat(pending.remove(13)).isTrue();
        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.contains(13)).isFalse();
    }

    @Test
    void aRemovedSequenceInTheMiddleCanComeBack() {
        PendingSequences pending = new PendingSequences();
        pending.add(1);
        pending.add(2);
        pending.add(3);
        pending.remove(2);

        assertThat(pending.add(2)).isTrue();
        assertThat(pending.toArray()).containsExactly(1, 2, 3);
    }

    @Test
    void theExtremeSequencesAreOrdinaryValues() {
        PendingSequences pending = new PendingSequences();
        pending.add(Long.MAX_VALUE);
        pending.add(Long.MIN_VALUE);
        pending.add(0);

        assertThat(pending.toArray()).containsExactly(Long.MIN_VALUE, 0, Long.MAX_VALUE);
        assertThat(pending.remove(Long.MAX_VALUE)).isTrue();
        assertThat(pending.contains(Long.MIN_VALUE)).isTrue();
    }

    @Test
    void shrinksAgainAfterABurst() {
        PendingSequences pending = new PendingSequences();
        for (long seq = 1; seq <= 100_000; seq++) {
            pending.add(seq);
        }
        for (long seq = 1; seq <= 100_000; seq += 2) {
            pending.remove(seq); // every other one: the gone slots are squeezed out as they pile up
        }
        for (long seq = 2; seq < 99_990; seq += 2) {
            pending.remove(seq);
        }

        assertThat(pending.toArray()).containsExactly(99_990, 99_992, 99_994, 99_996, 99_998, 100_000);
        assertThat(pending.capacity()).isLessThanOrEqualTo(64);
    }

    /**
     * Random adds and removes against a TreeSet, in the shapes deliveries and acks take (increasing
     * adds, acks near the head, at random, at the tail, re-adds below the tail, sequences just
     * outside the set), with a full comparison after each round. Replay a failure with
     * {@code -Dnatsjms.test.seed=<seed>}.
     */
    @Test
    void agreesWithATreeSet() {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("PendingSequencesTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        PendingSequences pending = new PendingSequences();
        TreeSet<Long> model = new TreeSet<>();
        long next = random.nextBoolean() ? 1 : random.nextLong() >>> 1;
        for (int round = 0; round < 200; round++) {
            int steps = random.nextInt(2_000);
            int shape = random.nextInt(6);
            for (int step = 0; step < steps; step++) {
                long seq = switch (random.nextInt(shape + 2)) {
                    case 0, 1 -> next += 1 + (random.nextInt(8) == 0 ? random.nextInt(100) : 0);
                    case 2 -> model.isEmpty() ? next : model.first() + random.nextInt(3) - 1;
                    case 3 -> model.isEmpty() ? next : model.last() + random.nextInt(3) - 1;
                    case 4 -> next - random.nextInt(200);
                    default -> pick(model, random, next);
                };
                boolean add = switch (shape) {
                    case 0 -> true;
                    case 1 -> random.nextInt(3) > 0;
                    default -> random.nextInt(3) == 0;
                };
                if (add) {
                    assertThat(pending.add(seq)).as("seed %d: add %d", seed, seq).isEqualTo(model.add(seq));
                } else {
                    assertThat(pending.remove(seq)).as("seed %d: remove %d", seed, seq).isEqualTo(model.remove(seq));
                }
                assertThat(pending.size()).as("seed %d", seed).isEqualTo(model.size());
            }
            long probe = pick(model, random, next);
            assertThat(pending.contains(probe)).as("seed %d: contains %d", seed, probe)
                    .isEqualTo(model.contains(probe));
            List<Long> visited = new ArrayList<>();
            pending.forEach(visited::add);
            assertThat(visited).as("seed %d", seed).containsExactlyElementsOf(model);
            assertThat(pending.toArray()).as("seed %d", seed)
                    .containsExactly(model.stream().mapToLong(Long::longValue).toArray());
            if (random.nextInt(10) == 0) {
                for (Long seq : List.copyOf(model)) {
                    assertThat(pending.remove(seq)).isTrue();
                }
                model.clear();
                assertThat(pending.isEmpty()).isTrue();
                assertThat(pending.capacity()).isEqualTo(PendingSequences.MIN_CAPACITY);
            }
        }
    }

    /** A pending sequence, or one next to it (maybe pending, maybe not), or one past the end. */
    private static long pick(TreeSet<Long> model, Random random, long next) {
        if (model.isEmpty()) {
            return next + 1;
        }
        long low = model.first();
        long span = Math.max(1, model.last() - low + 1);
        long around = low + (long) (random.nextDouble() * span);
        Long near = random.nextBoolean() ? model.ceiling(around) : model.floor(around);
        return (near == null ? around : near) + random.nextInt(3) - 1;
    }
}
