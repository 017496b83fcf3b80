package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SequenceTableTest {

    @Test
    void findsWhatWasPutAndNotWhatWasRemoved() {
        SequenceTable table = new SequenceTable();
        table.put(7, 70, 700);
        table.put(0, 1, 2);

        assertThat(table.size()).isEqualTo(2);
        int slot = table.find(7);
        assertThat(table.first(slot)).isEqualTo(70);
        assertThat(table.second(slot)).isEqualTo(700);
        assertThat(table.find(8)).isEqualTo(-1);

        table.removeAt(table.find(7));
        assertThat(table.find(7)).isEqualTo(-1);
        assertThat(table.find(0)).isNotNegative();
        assertThat(table.sortedKeys()).containsExactly(0L);
    }

    @Test
    void refusesANegativeSequence() {
        assertThatThrownBy(() -> new SequenceTable().put(-1, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sequence: -1 (expected: >= 0)");
    }

    /**
     * Random puts and removes against a TreeMap, over key ranges that make the table grow, shrink and
     * collide (dense runs as the engine makes them, and sparse keys), checking every key after each step.
     */
    @Test
    void agreesWithATreeMap() {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("SequenceTableTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        SequenceTable table = new SequenceTable();
        TreeMap<Long, long[]> model = new TreeMap<>();
        for (int round = 0; round < 20; round++) {
            int range = 1 << random.nextInt(12);
            long base = random.nextBoolean() ? 0 : random.nextLong() >>> 2;
            long spread = random.nextBoolean() ? 1 : 1 + random.nextInt(1 << 20);
            int steps = 1 + random.nextInt(3_000);
            int removeBias = random.nextInt(4);
            for (int step = 0; step < steps; step++) {
                long key = base + random.nextInt(range) * spread;
                if (random.nextInt(4) < removeBias) {
                    int slot = table.find(key);
                    assertThat(slot >= 0).as("seed %d: %d present", seed, key).isEqualTo(model.containsKey(key));
                    if (slot >= 0) {
                        table.removeAt(slot);
                        model.remove(key);
                    }
                } else {
                    long first = random.nextLong();
                    long second = random.nextLong();
                    table.put(key, first, second);
                    model.put(key, new long[] {first, second});
                }
                assertThat(table.size()).isEqualTo(model.size());
            }
            for (Map.Entry<Long, long[]> e : model.entrySet()) {
                int slot = table.find(e.getKey());
                assertThat(slot).as("seed %d: key %d", seed, e.getKey()).isNotNegative();
                assertThat(new long[] {table.first(slot), table.second(slot)}).isEqualTo(e.getValue());
            }
            assertThat(table.sortedKeys()).as("seed %d", seed)
                    .containsExactly(model.keySet().stream().mapToLong(Long::longValue).toArray());
            if (random.nextInt(5) == 0) {
                table.clear();
                model.clear();
                assertThat(table.size()).isZero();
            }
        }
    }
}
