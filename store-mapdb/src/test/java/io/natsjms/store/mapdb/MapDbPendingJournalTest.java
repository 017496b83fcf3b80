package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pending adds and acks in the journal: one batch record per subscription and commit, replayed
 * after a crash (a {@link MapDbStore#halt()}) to exactly the state of the last commit; and the one
 * record per change that older versions wrote still replays.
 */
class MapDbPendingJournalTest {

    @TempDir
    Path dir;

    private MapDbStoreConfig config(long checkpointBytes) {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.NEVER, 1000, 1 << 20, checkpointBytes,
                3_600_000);
    }

    @Test
    void theChangesOfACommitAreOneRecordPerSubscription() throws IOException {
        MapDbStore store = MapDbStore.open(config(1L << 30));
        ChannelStore channel = store.createChannel("c");
        SubscriptionStore subs = channel.subscriptions();
        long a = subs.create(SubState.newBuilder().setClientID("a").build()).getID();
        long b = subs.create(SubState.newBuilder().setClientID("b").build()).getID();
        store.commit();
        for (long seq = 1; seq <= 1000; seq++) {
            subs.addPending(a, seq);
            subs.addPending(b, seq);
        }
        for (long seq = 1; seq <= 400; seq++) {
            subs.ackPending(a, seq);
        }
        subs.ackPending(b, 7);
        store.commit();
        store.halt();

        JournalReader.Frame last = lastFrame();
        assertThat(last.records()).filteredOn(r -> !(r instanceof JournalRecord.SegmentEnd))
                .extracting(Object::toString)
                .containsExactly("PendingBatch[channel=1, subId=" + a + ", changes=[added 1..1000, acked 1..400]]",
                        "PendingBatch[channel=1, subId=" + b + ", changes=[added 1..1000, acked 7]]");
    }

    @Test
    void aRecordOfTheSubscriptionEndsItsBatchSoThatReplayKeepsTheOrder() throws IOException {
        MapDbStore store = MapDbStore.open(config(1L << 30));
        ChannelStore channel = store.createChannel("c");
        SubscriptionStore subs = channel.subscriptions();
        SubState a = subs.create(SubState.newBuilder().setClientID("a").build());
        store.commit();
        subs.addPending(a.getID(), 1);
        subs.addPending(a.getID(), 2);
        subs.setRedeliveryCount(a.getID(), 2, 3);
        subs.addPending(a.getID(), 3);
        subs.ackPending(a.getID(), 1);
        subs.update(a.toBuilder().setAckWaitInSecs(9).build());
        subs.ackPending(a.getID(), 3);
        store.commit();
        store.halt();

        assertThat(lastFrame().records()).filteredOn(r -> !(r instanceof JournalRecord.SegmentEnd))
                .extracting(r -> r.getClass().getSimpleName() + (r instanceof JournalRecord.PendingBatch p
                        ? " " + p.changes() : ""))
                .containsExactly("PendingBatch [added 1..2]", "RedeliveryCounted", "PendingBatch [added 3, acked 1]",
                        "SubPut", "PendingBatch [acked 3]");
        try (MapDbStore reopened = MapDbStore.open(config(1L << 30))) {
            SubscriptionRecord recovered = reopened.recover().orElseThrow().channels().get("c").subscriptions().get(0);
            assertThat(recovered.pending()).containsExactly(2L);
            assertThat(recovered.redeliveryCounts()).containsExactly(Map.entry(2L, 3));
            assertThat(recovered.state().getAckWaitInSecs()).isEqualTo(9);
            assertThat(recovered.state().getLastSent()).isZero(); // the update replaced the whole state
        }
    }

    /**
     * Seeded random deliveries, acks (in order, out of order, of what is not pending), re-adds,
     * redelivery counts, updates and deletes over a few subscriptions, committed at random points,
     * with checkpoints now and then; then changes that are never committed, and a crash. What comes
     * back is exactly the model as of the last commit. Replay with {@code -Dnatsjms.test.seed=<seed>}.
     */
    @Test
    void aCrashKeepsExactlyWhatWasCommitted() throws IOException {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("MapDbPendingJournalTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        MapDbStore store = MapDbStore.open(config(4096)); // a checkpoint every few commits
        ChannelStore channel = store.createChannel("c");
        channel.messages().append(MsgProto.newBuilder().setSubject("c").setData(ByteString.copyFromUtf8("m")).build());
        SubscriptionStore subs = channel.subscriptions();
        Map<Long, TreeSet<Long>> model = new TreeMap<>();
        Map<Long, Long> next = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            long id = subs.create(SubState.newBuilder().setClientID("c" + i).build()).getID();
            model.put(id, new TreeSet<>());
            next.put(id, 1L + random.nextInt(1000));
        }
        Map<Long, TreeSet<Long>> committed = copy(model);
        int commits = 30 + random.nextInt(30);
        for (int commit = 0; commit <= commits; commit++) {
            int changes = random.nextInt(500);
            for (int n = 0; n < changes; n++) {
                change(random, subs, model, next);
            }
            if (commit < commits) {
                store.commit();
                committed = copy(model);
            }
        }
        store.halt();
        assertThat(number(lastJournal())).as("checkpoints ran").isGreaterThan(3);

        try (MapDbStore reopened = MapDbStore.open(config(4096))) {
            Map<Long, TreeSet<Long>> recovered = new TreeMap<>();
            for (SubscriptionRecord sub : reopened.recover().orElseThrow().channels().get("c").subscriptions()) {
                recovered.put(sub.state().getID(), new TreeSet<>(sub.pending()));
            }
            assertThat(recovered).as("seed %d", seed).isEqualTo(committed);
        }
    }

    private static void change(Random random, SubscriptionStore subs, Map<Long, TreeSet<Long>> model,
                               Map<Long, Long> next) {
        List<Long> ids = new ArrayList<>(model.keySet());
        long id = ids.get(random.nextInt(ids.size()));
        TreeSet<Long> pending = model.get(id);
        int what = random.nextInt(20);
        if (what < 8) {
            long seq = next.merge(id, random.nextInt(10) == 0 ? 2L : 1L, Long::sum);
            subs.addPending(id, seq);
            pending.add(seq);
        } else if (what < 15 && !pending.isEmpty()) {
            long seq = random.nextBoolean() ? pending.first() : pending.ceiling(pending.first()
                    + (long) (random.nextDouble() * (pending.last() - pending.first())));
            subs.ackPending(id, seq);
            pending.remove(seq);
        } else if (what == 15) {
            long seq = next.get(id) - random.nextInt(20); // re-add below the tail, or ack what is not pending
            if (random.nextBoolean()) {
                subs.addPending(id, seq);
                pending.add(seq);
            } else {
                subs.ackPending(id, seq);
                pending.remove(seq);
            }
        } else if (what == 16 && !pending.isEmpty()) {
            subs.setRedeliveryCount(id, pending.last(), 1 + random.nextInt(5));
        } else if (what == 17) {
            subs.update(SubState.newBuilder().setID(id).setClientID("u" + random.nextInt(9)).build());
        } else if (what == 18 && random.nextInt(10) == 0) {
            subs.delete(id);
            model.remove(id);
            long created = subs.create(SubState.newBuilder().setClientID("n").build()).getID();
            model.put(created, new TreeSet<>());
            next.put(created, next.get(id));
        }
    }

    private static Map<Long, TreeSet<Long>> copy(Map<Long, TreeSet<Long>> model) {
        Map<Long, TreeSet<Long>> copy = new TreeMap<>();
        model.forEach((id, pending) -> copy.put(id, new TreeSet<>(pending)));
        return copy;
    }

    @Test
    void theOneRecordPerChangeOfOlderVersionsStillReplays() throws IOException {
        MapDbStore store = MapDbStore.open(config(1L << 30));
        ChannelStore channel = store.createChannel("c");
        long a = channel.subscriptions().create(SubState.newBuilder().setClientID("a").build()).getID();
        store.commit();
        store.halt();
        // a commit as an older version wrote it, appended to the journal
        Path file = lastJournal();
        JournalReader.Contents contents = JournalReader.read(file);
        long number = Long.parseLong(file.getFileName().toString().split("\\.")[1]);
        try (Journal journal = Journal.open(dir, number, contents.end(), new PassThroughFiles())) {
            for (long seq = 1; seq <= 5; seq++) {
                journal.add(new JournalRecord.PendingAdded(1, a, seq));
            }
            journal.add(new JournalRecord.PendingAcked(1, a, 2));
            journal.add(new JournalRecord.PendingAcked(1, a, 9));
            journal.add(new JournalRecord.RedeliveryCounted(1, a, 4, 2));
            journal.writeFrame(contents.frames().get(contents.frames().size() - 1).commitNumber() + 1, List.of());
            journal.force();
        }

        try (MapDbStore reopened = MapDbStore.open(config(1L << 30))) {
            SubscriptionRecord recovered = reopened.recover().orElseThrow().channels().get("c").subscriptions().get(0);
            assertThat(recovered.pending()).containsExactly(1L, 3L, 4L, 5L);
            assertThat(recovered.redeliveryCounts()).containsExactly(Map.entry(4L, 2));
            assertThat(recovered.state().getLastSent()).isEqualTo(5);
        }
    }

    private JournalReader.Frame lastFrame() throws IOException {
        List<JournalReader.Frame> frames = JournalReader.read(lastJournal()).frames();
        return frames.get(frames.size() - 1);
    }

    private Path lastJournal() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("journal\\.\\d+\\.log"))
                    .max((x, y) -> Long.compare(number(x), number(y))).orElseThrow();
        }
    }

    private static long number(Path journal) {
        return Long.parseLong(journal.getFileName().toString().split("\\.")[1]);
    }
}
