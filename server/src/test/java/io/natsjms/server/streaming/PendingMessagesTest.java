package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PendingMessagesTest {

    @Test
    void emptyHasNoDeadline() {
        PendingMessages pending = new PendingMessages();

        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.earliestDeadline()).isEqualTo(Long.MAX_VALUE);
        assertThat(pending.dueBy(Long.MAX_VALUE)).isEmpty();
    }

    @Test
    void dueMessagesComeByDeadlineThenSequence() {
        PendingMessages pending = new PendingMessages();
        pending.put(5, 300);
        pending.put(1, 200);
        pending.put(3, 200);
        pending.put(2, 100);
        pending.put(4, 900);

        assertThat(pending.earliestDeadline()).isEqualTo(100);
        assertThat(pending.dueBy(300)).containsExactly(2L, 1L, 3L, 5L);
        assertThat(pending.dueBy(99)).isEmpty();
        assertThat(pending.keySet()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void putMovesADeadlineAndRemoveForgetsIt() {
        PendingMessages pending = new PendingMessages();
        pending.put(1, 100);
        pending.put(2, 200);

        pending.put(1, 500);
        assertThat(pending.earliestDeadline()).isEqualTo(200);
        assertThat(pending.dueBy(400)).containsExactly(2L);

        assertThat(pending.remove(2)).isEqualTo(200);
        assertThat(pending.remove(2)).isNull();
        assertThat(pending.earliestDeadline()).isEqualTo(500);
        assertThat(pending.size()).isEqualTo(1);
    }

    @Test
    void putIfAbsentKeepsTheExistingDeadline() {
        PendingMessages pending = new PendingMessages();
        assertThat(pending.putIfAbsent(7, 700)).isNull();
        assertThat(pending.putIfAbsent(7, 100)).isEqualTo(700);

        assertThat(pending.get(7)).isEqualTo(700);
        assertThat(pending.earliestDeadline()).isEqualTo(700);
        assertThat(pending.dueBy(699)).isEmpty();
    }

    @Test
    void clearEmptiesBothOrders() {
        PendingMessages pending = new PendingMessages();
        pending.put(1, 1);
        pending.put(2, 2);

        pending.clear();

        assertThat(pending.isEmpty()).isTrue();
        assertThat(pending.dueBy(Long.MAX_VALUE)).isEmpty();
        assertThat(pending.earliestDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    /** Random operations against a plain map of sequence to deadline, scanned as the engine used to. */
    @Test
    void agreesWithAScanOfAPlainMap() {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("PendingMessagesTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        PendingMessages pending = new PendingMessages();
        TreeMap<Long, Long> model = new TreeMap<>();
        for (int step = 0; step < 5_000; step++) {
            long sequence = 1 + random.nextInt(500);
            long deadline = random.nextInt(10_000) - 5_000;
            switch (random.nextInt(4)) {
                case 0, 1 -> {
                    pending.put(sequence, deadline);
                    model.put(sequence, deadline);
                }
                case 2 -> assertThat(pending.putIfAbsent(sequence, deadline))
                        .isEqualTo(model.putIfAbsent(sequence, deadline));
                default -> assertThat(pending.remove(sequence)).isEqualTo(model.remove(sequence));
            }
            long now = random.nextInt(10_000) - 5_000;
            assertThat(pending.dueBy(now)).as("seed %d, step %d", seed, step).isEqualTo(scanDue(model, now));
            assertThat(pending.earliestDeadline())
                    .isEqualTo(model.values().stream().min(Long::compare).orElse(Long.MAX_VALUE));
            assertThat(pending.size()).isEqualTo(model.size());
        }
        assertThat(new ArrayList<>(pending.entrySet())).isEqualTo(new ArrayList<>(model.entrySet()));
    }

    private static List<Long> scanDue(TreeMap<Long, Long> model, long now) {
        return model.entrySet().stream()
                .filter(e -> e.getValue() <= now)
                .sorted(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }
}
