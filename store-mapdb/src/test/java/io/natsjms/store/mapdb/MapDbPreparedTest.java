package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prepared branches in the MapDB store's files: after a crash ({@link MapDbStore#halt()}) the
 * checkpointed ones plus what the journal holds come back and nothing uncommitted; a checkpointed one
 * that fails its checksum, does not decode or is stored under another branch's key is set aside
 * (logged, kept in the {@code setAside} map), never silently dropped, and the rest comes back.
 */
class MapDbPreparedTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 65536, 1L << 30,
                3_600_000);
    }

    private static BranchId xid(String branch) {
        return BranchId.newBuilder().setFormatId(1).setGlobalId(ByteString.copyFromUtf8("g"))
                .setBranchId(ByteString.copyFromUtf8(branch)).build();
    }

    private static PreparedTx branch(String name, long preparedAt) {
        return PreparedTx.newBuilder().setId(xid(name)).setPreparedAt(preparedAt)
                .addSends(PreparedSend.newBuilder().setChannel("orders").setGuid(name)
                        .setData(ByteString.copyFromUtf8("body of " + name)))
                .build();
    }

    @Test
    void theCheckpointAndTheJournalBringBackWhatWasCommittedAndNothingElse() {
        MapDbStore store = MapDbStore.open(config());
        PreparedTx kept = branch("kept", T0);
        store.preparedTransactions().put(kept);
        store.preparedTransactions().put(branch("committed later", T0 + 1));
        store.commit();
        store.close(); // checkpointed: both in state.db

        store = MapDbStore.open(config());
        store.preparedTransactions().remove(xid("committed later"));
        PreparedTx journaled = branch("journaled", T0 + 2);
        store.preparedTransactions().put(journaled);
        store.commit();
        store.preparedTransactions().put(branch("uncommitted", T0 + 3));
        store.preparedTransactions().remove(xid("kept"));
        store.halt();

        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(reopened.preparedTransactions().all()).containsExactly(kept, journaled);
        }
        try (StateDb state = StateDb.open(dir)) {
            assertThat(state.prepared).containsOnlyKeys(BranchKey.of(xid("kept")), BranchKey.of(xid("journaled")));
        }
    }

    @Test
    void aBranchOfMegabytesIsJournaledAndCheckpointed() {
        java.util.Random random = new java.util.Random(42);
        PreparedTx.Builder builder = PreparedTx.newBuilder().setId(xid("big")).setPreparedAt(T0);
        for (int i = 0; i < 6; i++) {
            byte[] data = new byte[500_000];
            random.nextBytes(data);
            builder.addSends(PreparedSend.newBuilder().setChannel("orders").setGuid("g" + i)
                    .setData(ByteString.copyFrom(data)));
        }
        PreparedTx big = builder.build();
        MapDbStore store = MapDbStore.open(config());
        store.preparedTransactions().put(big);
        store.commit();
        store.halt();

        try (MapDbStore replayed = MapDbStore.open(config())) { // replays the journal, then checkpoints
            assertThat(replayed.preparedTransactions().all()).containsExactly(big);
        }
        try (MapDbStore checkpointed = MapDbStore.open(config())) {
            assertThat(checkpointed.preparedTransactions().get(xid("big"))).contains(big);
        }
    }

    @Test
    void damagedCheckpointedBranchesAreSetAsideAndTheRestComesBack() {
        PreparedTx good = branch("good", T0);
        try (MapDbStore store = MapDbStore.open(config())) {
            store.preparedTransactions().put(good);
            store.preparedTransactions().put(branch("flipped", T0));
            store.commit();
        }
        String flipped = BranchKey.of(xid("flipped"));
        String undecodable = BranchKey.of(xid("undecodable"));
        String misplaced = BranchKey.of(xid("misplaced"));
        try (StateDb state = StateDb.open(dir)) {
            byte[] value = state.prepared.get(flipped);
            value[3] ^= 0x55;
            state.prepared.put(flipped, value);
            state.prepared.put(undecodable, ValueChecksum.append(new byte[] {(byte) 0xff, 0x01}));
            state.prepared.put(misplaced, ValueChecksum.append(branch("other", T0).toByteArray()));
            state.commit();
        }

        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(reopened.preparedTransactions().all()).containsExactly(good);
        }
        try (StateDb state = StateDb.open(dir)) {
            assertThat(state.prepared).containsOnlyKeys(BranchKey.of(xid("good")));
            assertThat(state.setAside.keySet()).hasSize(3)
                    .anySatisfy(k -> assertThat(k).contains(flipped).contains("checksum mismatch")
                            .contains("resolved by hand"))
                    .anySatisfy(k -> assertThat(k).contains(undecodable).contains("not a valid PreparedTx"))
                    .anySatisfy(k -> assertThat(k).contains(misplaced).contains("not the one it is stored under"));
        }
    }

    @Test
    void aKeyNamesTheWholeXidAndTellsEveryXidApart() {
        BranchId a = BranchId.newBuilder().setFormatId(-1).setGlobalId(ByteString.copyFrom(new byte[] {0x0a}))
                .setBranchId(ByteString.copyFrom(new byte[] {(byte) 0xbc})).build();
        BranchId b = a.toBuilder().setGlobalId(ByteString.copyFrom(new byte[] {0x0a, (byte) 0xbc}))
                .setBranchId(ByteString.EMPTY).build();

        assertThat(BranchKey.of(a)).isEqualTo("-1:0a:bc");
        assertThat(BranchKey.of(b)).isEqualTo("-1:0abc:");
    }
}
