package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    /**
     * Random operations as the engine makes them (deadlines mostly from a clock that only moves
     * forward, now and then an earlier one, a tie, or no deadline) against the two sorted trees the
     * pending messages used to be kept in; checks every read after every step, including capped reads
     * of the messages due.
     */
    @Test
    void agreesWithTwoSortedTrees() {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("PendingMessagesTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        PendingMessages pending = new PendingMessages();
        TreeModel model = new TreeModel();
        long clock = 0;
        long nextSequence = 1;
        for (int step = 0; step < 30_000; step++) {
            clock += random.nextInt(3);
            long deadline = switch (random.nextInt(20)) {
                case 0 -> clock - random.nextInt(50);
                case 1 -> PendingMessages.NO_DEADLINE;
                default -> clock + 100;
            };
            long sequence = random.nextInt(4) == 0 && nextSequence > 1
                    ? 1 + random.nextInt((int) Math.min(nextSequence - 1, 2_000)) + Math.max(0, nextSequence - 2_001)
                    : nextSequence++;
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> {
                    pending.put(sequence, deadline);
                    model.put(sequence, deadline);
                }
                case 4 -> assertThat(pending.putIfAbsent(sequence, deadline))
                        .isEqualTo(model.putIfAbsent(sequence, deadline));
                case 5 -> {
                    for (long due : model.dueBy(clock + 100, 1 + random.nextInt(5))) {
                        pending.put(due, clock + 100);
                        model.put(due, clock + 100);
                    }
                }
                case 6 -> {
                    if (random.nextInt(500) == 0) {
                        pending.clear();
                        model.clear();
                    }
                }
                default -> {
                    long acked = model.bySequence.isEmpty() || random.nextInt(3) == 0 ? sequence
                            : model.bySequence.firstKey() + random.nextInt(3);
                    assertThat(pending.remove(acked)).isEqualTo(model.remove(acked));
                }
            }
            long time = clock + random.nextInt(200) - 50;
            int max = 1 + random.nextInt(8);
            assertThat(pending.dueBy(time, max)).as("seed %d, step %d", seed, step).isEqualTo(model.dueBy(time, max));
            assertThat(pending.earliestDeadline()).as("seed %d, step %d", seed, step).isEqualTo(model.earliest());
            assertThat(pending.size()).isEqualTo(model.bySequence.size());
            assertThat(pending.get(sequence)).isEqualTo(model.bySequence.get(sequence));
            assertThat(pending.containsKey(sequence)).isEqualTo(model.bySequence.containsKey(sequence));
            if (step % 1_000 == 0) {
                assertThat(new ArrayList<>(pending.entrySet())).isEqualTo(new ArrayList<>(model.bySequence.entrySet()));
                assertThat(pending.keySet()).containsExactlyElementsOf(model.bySequence.keySet());
                assertThat(pending.dueBy(Long.MAX_VALUE)).isEqualTo(model.dueBy(Long.MAX_VALUE, Integer.MAX_VALUE));
            }
        }
    }

    /** The pending messages as they used to be kept: a tree by sequence and a tree by deadline. */
    private static final class TreeModel {
        private record Due(long deadline, long sequence) { }

        final TreeMap<Long, Long> bySequence = new TreeMap<>();
        final java.util.TreeSet<Due> byDeadline = new java.util.TreeSet<>(
                java.util.Comparator.comparingLong(Due::deadline).thenComparingLong(Due::sequence));

        void put(long sequence, long deadline) {
            Long previous = bySequence.put(sequence, deadline);
            if (previous != null) {
                byDeadline.remove(new Due(previous, sequence));
            }
            byDeadline.add(new Due(deadline, sequence));
        }

        Long putIfAbsent(long sequence, long deadline) {
            Long existing = bySequence.putIfAbsent(sequence, deadline);
            if (existing == null) {
                byDeadline.add(new Due(deadline, sequence));
            }
            return existing;
        }

        Long remove(long sequence) {
            Long deadline = bySequence.remove(sequence);
            if (deadline != null) {
                byDeadline.remove(new Due(deadline, sequence));
            }
            return deadline;
        }

        void clear() {
            bySequence.clear();
            byDeadline.clear();
        }

        long earliest() {
            return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.first().deadline();
        }

        List<Long> dueBy(long time, int max) {
            return byDeadline.stream().takeWhile(d -> d.deadline() <= time).limit(max).map(Due::sequence).toList();
        }
    }

    private static List<Long> scanDue(TreeMap<Long, Long> model, long now) {
        return model.entrySet().stream()
                .filter(e -> e.getValue() <= now)
                .sorted(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * A client's ack carries its sequence as a uint64: 2^63 and above arrive as negative longs, and
     * 2^63 as Long.MIN_VALUE, the value that marks an empty slot of the table. Found by StanFuzzIT: its
     * removal used to miscount the table, and the next subscribe failed listing the pending messages.
     */
    @Test
    void aSequenceOfTwoToTheSixtyThirdOrMoreIsNeverPendingAndItsRemovalChangesNothing() {
        PendingMessages pending = new PendingMessages();
        for (long sequence = 1; sequence <= 10; sequence++) {
            pending.put(sequence, 1_000 + sequence);
        }

        for (long sequence : new long[] {Long.MIN_VALUE, -1, Long.MIN_VALUE + 1}) {
            assertThat(pending.containsKey(sequence)).isFalse();
            assertThat(pending.get(sequence)).isNull();
            assertThat(pending.remove(sequence)).isNull();
        }
        assertThat(pending.size()).isEqualTo(10);
        assertThat(pending.keySet()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertThatThrownBy(() -> pending.put(Long.MIN_VALUE, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(Long.MIN_VALUE));
        assertThat(pending.earliestDeadline()).isEqualTo(1_001);
        assertThat(pending.dueBy(Long.MAX_VALUE)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }
}
