package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redelivery counts after a crash: a writer process ({@link #main}) sets counts over several commits
 * with checkpoints off, sets more without committing, and halts. Recovery replays the journal: the
 * committed counts come back, the uncommitted ones are lost, and nothing else is touched.
 */
class MapDbRedeliveryCountIT {

    @TempDir
    Path dir;

    @Test
    void committedCountsAreReplayedFromTheJournalAndUncommittedOnesAreLost() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process writer = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                MapDbRedeliveryCountIT.class.getName(), dir.toString()).redirectErrorStream(true).start();
        assertThat(writer.waitFor(60, TimeUnit.SECONDS)).as("writer ended").isTrue();
        assertThat(writer.exitValue()).as("writer output: %s", new String(writer.getInputStream().readAllBytes()))
                .isZero();

        try (Store store = new MapDbStoreProvider().open(HaltingWriter.config(dir))) {
            List<SubscriptionRecord> subs = store.recover().orElseThrow().channels().get("counts").subscriptions();

            assertThat(subs).hasSize(2);
            assertThat(subs.get(0).pending()).containsExactly(1L, 3L);
            assertThat(subs.get(0).redeliveryCounts()).containsExactly(Map.entry(1L, 2));
            assertThat(subs.get(0).state().getLastSent()).isEqualTo(3);
            assertThat(subs.get(1).pending()).containsExactly(2L);
            assertThat(subs.get(1).redeliveryCounts()).containsExactly(Map.entry(2L, 4));
        }
    }

    /** The writer: see the class comment. Argument: the data directory. */
    public static void main(String[] args) {
        Store store = new MapDbStoreProvider().open(HaltingWriter.config(Path.of(args[0])));
        ChannelStore channel = store.createChannel("counts");
        SubscriptionStore subs = channel.subscriptions();
        SubState a = subs.create(SubState.newBuilder().setClientID("a").build());
        SubState b = subs.create(SubState.newBuilder().setClientID("b").build());
        for (int i = 0; i < 3; i++) {
            channel.messages().append(MsgProto.newBuilder().setSubject("counts")
                    .setData(ByteString.copyFromUtf8("m" + i)).build());
        }
        subs.addPending(a.getID(), 1);
        subs.addPending(a.getID(), 2);
        subs.addPending(a.getID(), 3);
        store.commit();
        subs.setRedeliveryCount(a.getID(), 1, 1);
        subs.setRedeliveryCount(a.getID(), 2, 3);
        store.commit();
        subs.setRedeliveryCount(a.getID(), 1, 2);
        // sequence 2 moves to b (as a queue group's redelivery to another member does)
        subs.ackPending(a.getID(), 2);
        subs.addPending(b.getID(), 2);
        subs.setRedeliveryCount(b.getID(), 2, 4);
        store.commit();
        subs.setRedeliveryCount(a.getID(), 1, 3);
        subs.setRedeliveryCount(a.getID(), 3, 1);
        Runtime.getRuntime().halt(0);
    }
}
