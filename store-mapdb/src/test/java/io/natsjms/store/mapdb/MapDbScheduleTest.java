package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.ScheduledMsg;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduled messages after a crash ({@link MapDbStore#halt()}): what only the journal holds is
 * replayed, a commit that moved a due message into its channel comes back as one (moved, not doubled),
 * and an uncommitted change is gone; a checkpointed entry whose checksum fails is set aside.
 */
class MapDbScheduleTest {

    private static final long DUE = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 65536, 1L << 30,
                3_600_000);
    }

    private static ScheduledMsg scheduled(String guid) {
        return ScheduledMsg.newBuilder().setChannel("orders").setGuid(guid).setDueTime(DUE)
                .setData(ByteString.copyFromUtf8(guid)).build();
    }

    @Test
    void theJournalBringsBackWhatTheLastCommitsDidAndNothingUncommitted() {
        MapDbStore store = MapDbStore.open(config());
        ChannelStore channel = store.createChannel("orders");
        store.schedule().put(scheduled("moved"));
        store.schedule().put(scheduled("waiting"));
        store.commit();
        store.close(); // checkpointed: both entries in state.db

        store = MapDbStore.open(config());
        channel = store.lookupChannel("orders").orElseThrow();
        store.schedule().remove("orders", "moved");
        MsgProto appended = channel.messages().append(MsgProto.newBuilder().setSubject("orders")
                .setData(ByteString.copyFromUtf8("moved")).build());
        store.schedule().put(scheduled("journaled"));
        store.commit();
        store.schedule().put(scheduled("uncommitted"));
        store.schedule().remove("orders", "waiting");
        store.halt();

        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(reopened.schedule().all()).extracting(ScheduledMsg::getGuid)
                    .containsExactlyInAnyOrder("waiting", "journaled");
            assertThat(reopened.lookupChannel("orders").orElseThrow().messages().lookup(appended.getSequence()))
                    .isEqualTo(appended);
            assertThat(reopened.lookupChannel("orders").orElseThrow().messages().lastSequence())
                    .isEqualTo(appended.getSequence());
        }
    }

    @Test
    void aDamagedCheckpointedEntryIsSetAsideAndTheRestComesBack() {
        try (MapDbStore store = MapDbStore.open(config())) {
            store.schedule().put(scheduled("good"));
            store.schedule().put(scheduled("bad"));
            store.commit();
        }
        try (StateDb state = StateDb.open(dir)) {
            byte[] value = state.scheduled.get("orders bad");
            value[0] ^= 0x55;
            state.scheduled.put("orders bad", value);
            state.commit();
        }

        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(reopened.schedule().all()).extracting(ScheduledMsg::getGuid).containsExactly("good");
        }
        try (StateDb state = StateDb.open(dir)) {
            assertThat(state.scheduled).containsOnlyKeys("orders good");
            assertThat(state.setAside.keySet()).singleElement().asString().contains("orders bad");
        }
    }
}
