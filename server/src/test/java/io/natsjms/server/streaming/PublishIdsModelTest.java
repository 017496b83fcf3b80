package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/**
 * The duplicate window against a model (per channel a {@link LinkedHashMap} of guid to the timestamp
 * it was last added with): adds, lookups, removes and sweeps interleaved at random, with clocks that
 * creep and jump, guids that repeat, long and non-ASCII guids, and fingerprint functions that make
 * different guids collide. Replay a failure with {@code -Dnatsjms.test.seed=}.
 */
class PublishIdsModelTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long WINDOW = 10 * SECOND;

    @Test
    void agreesWithALinkedHashMapWhateverTheFingerprints() {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("PublishIdsModelTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        List<ToLongFunction<String>> prints = List.of(GuidWindow::fingerprint, g -> 42, g -> g.hashCode() & 3,
                g -> g.length(), g -> GuidWindow.fingerprint(g) & 0xFF00000000000000L);
        for (int round = 0; round < 40; round++) {
            int kind = random.nextInt(prints.size());
            run(seed, round, random, prints.get(kind));
        }
    }

    private static void run(long seed, int round, Random random, ToLongFunction<String> prints) {
        PublishIds ids = new PublishIds(Duration.ofNanos(WINDOW), prints);
        Map<String, LinkedHashMap<String, Long>> model = new HashMap<>();
        List<String> channels = List.of("orders", "invoices", "a.b.c");
        List<String> guids = guids(random, 1 + random.nextInt(random.nextBoolean() ? 50 : 3_000));
        Map<String, Long> clocks = new HashMap<>();
        long now = 1_700_000_000L * SECOND;
        int steps = 1 + random.nextInt(8_000);
        int removeBias = random.nextInt(10);
        for (int step = 0; step < steps; step++) {
            String channel = channels.get(random.nextInt(channels.size()));
            String guid = guids.get(random.nextInt(guids.size()));
            String at = "seed " + seed + ", round " + round + ", step " + step + ": " + channel + "/" + guid;
            now += advance(random);
            int op = random.nextInt(20);
            if (op < 4) {
                add(ids, model, clocks, channel, guid, now, random);
            } else if (op < 8) {
                // a publish: looked up, then added unless it is a duplicate; sometimes something in between
                boolean duplicate = ids.contains(channel, guid, now);
                assertThat(duplicate).as(at).isEqualTo(inModel(model, channel, guid, now));
                if (!duplicate) {
                    int between = random.nextInt(6);
                    String other = guids.get(random.nextInt(guids.size()));
                    if (between == 0) {
                        add(ids, model, clocks, channel, other, now, random);
                    } else if (between == 1) {
                        ids.remove(channel, other);
                        model.getOrDefault(channel, new LinkedHashMap<>()).remove(other);
                    } else if (between == 2) {
                        assertThat(ids.contains(channel, other, now)).as(at + " then " + other)
                                .isEqualTo(inModel(model, channel, other, now));
                    }
                    add(ids, model, clocks, channel, guid, now, random);
                }
            } else if (op < 8 + removeBias / 3) {
                ids.remove(channel, guid);
                model.getOrDefault(channel, new LinkedHashMap<>()).remove(guid);
            } else if (op == 19) {
                ids.sweep(now);
                long oldest = now - WINDOW;
                model.values().forEach(known -> known.values().removeIf(t -> t < oldest));
                model.values().removeIf(Map::isEmpty);
                assertThat(ids.channels()).as(at).isEqualTo(model.size());
            } else {
                assertThat(ids.contains(channel, guid, now)).as(at).isEqualTo(inModel(model, channel, guid, now));
            }
        }
        for (String channel : channels) {
            for (String guid : guids) {
                assertThat(ids.contains(channel, guid, now)).as("seed %d, round %d, end: %s/%s", seed, round,
                        channel, guid).isEqualTo(inModel(model, channel, guid, now));
            }
        }
    }

    private static void add(PublishIds ids, Map<String, LinkedHashMap<String, Long>> model, Map<String, Long> clocks,
                            String channel, String guid, long now, Random random) {
        // a channel's timestamps never go back, even when they are behind the engine's clock
        long stamp = Math.max(clocks.getOrDefault(channel, 0L), now - random.nextInt(3) * SECOND);
        clocks.put(channel, stamp);
        ids.add(channel, guid, stamp);
        LinkedHashMap<String, Long> known = model.computeIfAbsent(channel, c -> new LinkedHashMap<>());
        known.remove(guid);
        known.put(guid, stamp);
    }

    private static boolean inModel(Map<String, LinkedHashMap<String, Long>> model, String channel, String guid,
                                   long now) {
        Long stamp = model.getOrDefault(channel, new LinkedHashMap<>()).get(guid);
        return stamp != null && stamp >= now - WINDOW;
    }

    /** Mostly small steps (many adds per window), sometimes a second, now and then past the window. */
    private static long advance(Random random) {
        int kind = random.nextInt(100);
        if (kind < 80) {
            return random.nextInt(1_000_000);
        }
        if (kind < 98) {
            return random.nextInt((int) SECOND);
        }
        return random.nextBoolean() ? WINDOW : WINDOW + 1 + random.nextInt(3) * WINDOW;
    }

    /** Distinct guids: NUID-like, short, long, non-ASCII, and one empty. */
    private static List<String> guids(Random random, int count) {
        List<String> guids = new ArrayList<>();
        guids.add("");
        for (int i = 0; guids.size() < count; i++) {
            StringBuilder guid = new StringBuilder("g").append(i).append('-');
            int length = switch (random.nextInt(10)) {
                case 0 -> 0;
                case 1 -> 200 + random.nextInt(2_000);
                default -> 20;
            };
            for (int c = 0; c < length; c++) {
                guid.append(random.nextInt(10) == 0 ? (char) (0x100 + random.nextInt(0xD000)) : (char) ('A' + random.nextInt(26)));
            }
            guids.add(guid.toString());
        }
        return guids;
    }
}
