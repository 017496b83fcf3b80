package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.SubState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fails, one at a time, every write, sync, truncation and file creation of an append / commit /
 * rotation / checkpoint cycle, with {@code ENOSPC}, {@code EIO}, or a disk that stays full from
 * that point on, then lets writes go on and restarts. Every time: a commit either returns (and its
 * messages are back after the restart, byte for byte, with their sequences) or throws and uses no
 * sequence; the next commits succeed once the fault is gone; the restart works and holds exactly
 * what was committed. Seeded payloads ({@code -Dnatsjms.faults.seed=N}).
 */
class MapDbFaultInjectionIT {

    private static final String[] CHANNELS = {"f.a", "f.b"};

    @TempDir
    Path tmp;

    private final long seed = Long.getLong("natsjms.faults.seed", System.nanoTime());

    private FsyncPolicy policy = FsyncPolicy.ALWAYS;

    private MapDbStoreConfig config(Path dir) {
        // small segments and checkpoint size: the cycle rotates segments and checkpoints; the
        // background sync of fsync=interval does not run during a test (its period is an hour)
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), policy, 3_600_000, 4096, 3000, 3_600_000);
    }

    /** The committed state, as the test saw the commits return. */
    private static final class Model {
        final List<List<byte[]>> acked = List.of(new ArrayList<>(), new ArrayList<>());
        final List<List<byte[]>> batch = List.of(new ArrayList<>(), new ArrayList<>());
        final TreeSet<Long> pending = new TreeSet<>();
        long subId;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyFailurePointOfACycleKeepsWhatWasCommittedAndNothingElse() throws Exception {
        System.out.println("MapDbFaultInjectionIT seed " + seed + " (replay: -Dnatsjms.faults.seed=" + seed + ")");
        long points = countOperationsOfOneCycle();
        assertThat(points).as("operations in one cycle").isGreaterThan(10);
        int runs = 0;
        for (long point = 1; point <= points; point++) {
            for (String fault : List.of(FaultyFiles.ENOSPC, FaultyFiles.EIO, "full")) {
                run(point, fault, tmp.resolve("p" + point + "-" + fault.charAt(0)));
                runs++;
            }
        }
        System.out.println("MapDbFaultInjectionIT: " + points + " failure points, " + runs + " runs");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void underFsyncIntervalEveryFailedWriteIsUndoneToo() throws Exception {
        policy = FsyncPolicy.INTERVAL;
        System.out.println("MapDbFaultInjectionIT (interval) seed " + seed);
        long points = countOperationsOfOneCycle();
        for (long point = 1; point <= points; point++) {
            run(point, FaultyFiles.ENOSPC, tmp.resolve("i" + point));
        }
        System.out.println("MapDbFaultInjectionIT (interval): " + points + " failure points");
    }

    private long countOperationsOfOneCycle() throws Exception {
        FaultyFiles files = new FaultyFiles();
        Model model = new Model();
        Random random = new Random(seed);
        try (MapDbStore store = MapDbStore.open(config(tmp.resolve("dry")), files)) {
            prepare(store, model, random);
            long start = files.operations();
            cycle(store, model, random);
            List<String> seen = files.seen();
            System.out.println("MapDbFaultInjectionIT: the cycle's operations:\n  "
                    + String.join("\n  ", seen.subList((int) start, seen.size())));
            return files.operations() - start;
        }
    }

    private void run(long point, String fault, Path dir) throws Exception {
        String what = "seed " + seed + ", failure at operation " + point + " of the cycle (" + fault + ")";
        FaultyFiles files = new FaultyFiles();
        Model model = new Model();
        Random random = new Random(seed);
        boolean broken = false;
        MapDbStore store = MapDbStore.open(config(dir), files);
        try {
            prepare(store, model, random);
            if (fault.equals("full")) {
                files.fullFrom(point);
            } else {
                files.failAt(point, fault);
            }
            cycle(store, model, random);
            files.full(false);
            cycle(store, model, random); // writes resume by themselves
        } catch (StoreException e) {
            assertThat(e.getMessage()).as(what).contains("stopped writing");
            broken = true;
        } finally {
            files.full(false);
            try {
                store.close();
            } catch (StoreException e) {
                assertThat(broken).as("%s: close failed: %s", what, e.getMessage()).isTrue();
            }
        }
        try (MapDbStore reopened = MapDbStore.open(config(dir))) {
            for (int c = 0; c < CHANNELS.length; c++) {
                ChannelStore channel = reopened.lookupChannel(CHANNELS[c]).orElseThrow();
                List<byte[]> acked = model.acked.get(c);
                long last = channel.messages().lastSequence();
                if (broken) {
                    assertThat(last).as(what).isIn((long) acked.size(), (long) acked.size() + model.batch.get(c).size());
                } else {
                    assertThat(last).as("%s: last sequence of %s", what, CHANNELS[c]).isEqualTo(acked.size());
                }
                for (int i = 0; i < last; i++) {
                    byte[] expected = i < acked.size() ? acked.get(i) : model.batch.get(c).get(i - acked.size());
                    assertThat(channel.messages().lookup(i + 1).getData().toByteArray())
                            .as("%s: message %d of %s", what, i + 1, CHANNELS[c]).isEqualTo(expected);
                }
            }
            if (!broken) {
                assertThat(reopened.lookupChannel(CHANNELS[0]).orElseThrow().subscriptions().all().get(0).pending())
                        .as(what).isEqualTo(model.pending);
            }
        }
        StoreRecovery.deleteTree(dir);
    }

    private static void prepare(MapDbStore store, Model model, Random random) {
        for (String name : CHANNELS) {
            store.createChannel(name);
        }
        model.subId = store.lookupChannel(CHANNELS[0]).orElseThrow().subscriptions().create(SubState.newBuilder()
                .setClientID("c").setInbox("in").setDurableName("d").setIsDurable(true).build()).getID();
        for (int i = 0; i < 3; i++) {
            batch(store, model, random);
            commit(store, model);
        }
    }

    /** Two commits: the first rotates a segment, the second is followed by a checkpoint. */
    private static void cycle(MapDbStore store, Model model, Random random) {
        for (int i = 0; i < 2; i++) {
            batch(store, model, random);
            commit(store, model);
        }
    }

    private static void batch(MapDbStore store, Model model, Random random) {
        for (int c = 0; c < CHANNELS.length; c++) {
            ChannelStore channel = store.lookupChannel(CHANNELS[c]).orElseThrow();
            for (int n = 0; n < 3; n++) {
                byte[] data = new byte[300 + random.nextInt(600)];
                random.nextBytes(data);
                long next = model.acked.get(c).size() + model.batch.get(c).size() + 1;
                long seq;
                try {
                    seq = channel.messages().append(MsgProto.newBuilder().setSubject(CHANNELS[c])
                            .setData(ByteString.copyFrom(data)).build()).getSequence();
                } catch (StoreException e) {
                    // a failed append (a full write buffer or a rotation could not be written) is not stored
                    assertThat(e.reason()).isEqualTo(StoreException.Reason.IO);
                    assertThat(channel.messages().lastSequence()).as("no sequence used by a failed append")
                            .isEqualTo(next - 1);
                    continue;
                }
                assertThat(seq).isEqualTo(next);
                model.batch.get(c).add(data);
            }
        }
        // pending changes only for committed messages, as the server delivers only those
        ChannelStore first = store.lookupChannel(CHANNELS[0]).orElseThrow();
        long committed = model.acked.get(0).size();
        if (committed > 0) {
            long seq = 1 + random.nextInt((int) committed);
            if (model.pending.contains(seq)) {
                first.subscriptions().ackPending(model.subId, seq);
                model.pending.remove(seq);
            } else {
                first.subscriptions().addPending(model.subId, seq);
                model.pending.add(seq);
            }
        }
    }

    private static void commit(MapDbStore store, Model model) {
        try {
            store.commit();
            for (int c = 0; c < CHANNELS.length; c++) {
                model.acked.get(c).addAll(model.batch.get(c));
                model.batch.get(c).clear();
            }
        } catch (StoreException e) {
            if (e.getMessage().contains("stopped writing")) {
                throw e;
            }
            for (int c = 0; c < CHANNELS.length; c++) {
                assertThat(store.lookupChannel(CHANNELS[c]).orElseThrow().messages().lastSequence())
                        .as("no sequence used by a failed commit").isEqualTo(model.acked.get(c).size());
                model.batch.get(c).clear();
            }
        }
    }
}
