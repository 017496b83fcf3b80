package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/** The layout of {@code state.db}: stores written with one MapDB map per channel open, newer layouts are refused. */
class MapDbStateLayoutTest {

    @TempDir
    Path dir;

    private static StoreConfig config(Path dir) {
        return StoreConfig.at(dir, StoreLimits.unlimited()).withOption(MapDbStoreConfig.SEGMENT_BYTES, "4096");
    }

    @Test
    void aStoreWithOneMapPerChannelOpensWithEverythingItHeld() throws Exception {
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            fill(store.createChannel("a"), 600, 2);
            fill(store.createChannel("b"), 10, 1);
            store.createChannel("c");
            store.commit();
        }
        Map<String, Recovered> before = recover();
        Map<Long, String> stateBefore = stateOf();
        assertThat(stateBefore.keySet()).hasSize(3);
        assertThat(stateBefore.get(1L)).as("channel a has index blocks, subscriptions and full segments")
                .doesNotContain("idx={}", "subs={}", "segs={}");
        assertThat(before.get("a").subscriptions()).hasSize(2);
        assertThat(before.get("a").subscriptions().get(0).redeliveryCounts()).isNotEmpty();

        OldLayoutState.rewrite(dir);
        assertThat(names()).contains("idx.1", "subs.1", "segs.1", "idx.2", "subs.2")
                .doesNotContain(StateDb.INDEX, StateDb.SUBSCRIPTIONS, StateDb.SEGMENT_SIZES);

        assertThat(recover()).isEqualTo(before);
        assertThat(stateOf()).isEqualTo(stateBefore);
        try (StateDb state = StateDb.open(dir)) {
            assertThat(state.getLong(StateDb.LAYOUT, 0)).isEqualTo(StateLayout.CURRENT);
        }
        DB db = DBMaker.fileDB(dir.resolve(StateDb.FILE_NAME).toFile()).transactionEnable().fileLockDisable().make();
        try {
            assertThat(db.treeMap("idx.1", Serializer.LONG, Serializer.BYTE_ARRAY).open()).as("moved").isEmpty();
            assertThat(db.treeMap("subs.1", Serializer.LONG, Serializer.BYTE_ARRAY).open()).as("moved").isEmpty();
            assertThat(db.treeMap("segs.1", Serializer.LONG, Serializer.LONG).open()).as("moved").isEmpty();
        } finally {
            db.close();
        }
    }

    @Test
    void aStoreWithANewerLayoutIsRefusedAndLeftAsItWas() throws Exception {
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            fill(store.createChannel("a"), 5, 1);
        }
        try (StateDb state = StateDb.open(dir)) {
            state.putLong(StateDb.LAYOUT, StateLayout.CURRENT + 1);
            state.commit();
        }
        byte[] stateFile = Files.readAllBytes(dir.resolve(StateDb.FILE_NAME));

        assertThatThrownBy(() -> new MapDbStoreProvider().open(config(dir)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.CORRUPT))
                .hasMessageContaining(dir.resolve(StateDb.FILE_NAME).toString())
                .hasMessageContaining("layout version " + (StateLayout.CURRENT + 1))
                .hasMessageContaining("layout version " + StateLayout.CURRENT + " at most");
        assertThat(Files.readAllBytes(dir.resolve(StateDb.FILE_NAME))).isEqualTo(stateFile);
    }

    @Test
    void anOlderLayoutIsNotRewrittenWithoutACopyToGoBackTo() throws Exception {
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            fill(store.createChannel("a"), 50, 2);
        }
        Map<String, Recovered> before = recover();
        OldLayoutState.rewrite(dir);
        byte[] stateFile = Files.readAllBytes(dir.resolve(StateDb.FILE_NAME));
        MapDbStoreConfig config = MapDbStoreConfig.from(config(dir));

        assertThatThrownBy(() -> MapDbStore.open(config, StateBackupTest.copyFailing()))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.IO))
                .hasMessageContaining("state file " + dir.resolve(StateDb.FILE_NAME) + " has layout version 1")
                .hasMessageContaining("could not be made")
                .hasMessageContaining(FaultyFiles.ENOSPC)
                .hasMessageContaining("Nothing was changed");
        assertThat(Files.readAllBytes(dir.resolve(StateDb.FILE_NAME))).isEqualTo(stateFile);
        assertThat(dir.resolve(StateBackup.DIRECTORY)).doesNotExist();
        assertThat(names()).doesNotContain(StateDb.INDEX, StateDb.SUBSCRIPTIONS, StateDb.SEGMENT_SIZES);

        assertThat(recover()).as("upgraded once the copy can be made").isEqualTo(before);
    }

    @Test
    void theCurrentLayoutOpensWithoutACopy() throws Exception {
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            fill(store.createChannel("a"), 50, 2);
        }
        Map<String, Recovered> before = recover();

        try (Store store = MapDbStore.open(MapDbStoreConfig.from(config(dir)), StateBackupTest.copyFailing())) {
            assertThat(store.recover().orElseThrow().channels()).containsOnlyKeys("a");
        }
        assertThat(recover()).isEqualTo(before);
    }

    @Test
    void creatingChannelsAddsNoMapToTheCatalogue() throws Exception {
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            fill(store.createChannel("ch0"), 3, 1);
        }
        List<String> withOne = names();
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            store.recover();
            for (int i = 1; i < 2_000; i++) {
                ChannelStore channel = store.createChannel("ch" + i);
                if (i % 100 == 0) {
                    fill(channel, 3, 1);
                }
            }
            store.commit();
        }

        assertThat(names()).isEqualTo(withOne);
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            Map<String, RecoveredChannel> channels = store.recover().orElseThrow().channels();
            assertThat(channels).hasSize(2_000);
            for (int i = 0; i < 2_000; i += 100) {
                ChannelStore channel = channels.get("ch" + i).channel();
                assertThat(channel.messages().lastSequence()).as("ch%d", i).isEqualTo(3);
                assertThat(channel.messages().lookup(2).getData().toStringUtf8()).isEqualTo("ch" + i + " 1");
                assertThat(channels.get("ch" + i).subscriptions()).hasSize(1);
            }
            assertThat(channels.get("ch1").channel().messages().lastSequence()).isZero();
            assertThat(channels.get("ch1").subscriptions()).isEmpty();
        }
    }

    /** Appends {@code count} messages and makes {@code subs} subscriptions with pending messages and counts. */
    private static void fill(ChannelStore channel, int count, int subs) {
        String name = channel.name();
        for (int i = 0; i < count; i++) {
            String body = name + " " + i + (i % 7 == 0 ? " " + "x".repeat(150) : "");
            channel.messages().append(MsgProto.newBuilder().setSubject(name).setData(ByteString.copyFromUtf8(body))
                    .build());
        }
        SubscriptionStore store = channel.subscriptions();
        for (int s = 0; s < subs; s++) {
            SubState sub = store.create(SubState.newBuilder().setClientID("client" + s).setInbox("in" + s).build());
            for (long seq = 1 + s; seq <= count; seq += 3) {
                store.addPending(sub.getID(), seq);
            }
            store.setRedeliveryCount(sub.getID(), 1 + s, 2 + s);
        }
    }

    /** Per channel: every message, the subscriptions with their pending sets and redelivery counts. */
    private Map<String, Recovered> recover() {
        Map<String, Recovered> result = new TreeMap<>();
        try (Store store = new MapDbStoreProvider().open(config(dir))) {
            store.recover().orElseThrow().channels().forEach((name, recovered) -> {
                List<MsgProto> messages = new ArrayList<>();
                var log = recovered.channel().messages();
                for (long seq = log.firstSequence(); seq > 0 && seq <= log.lastSequence(); seq++) {
                    messages.add(log.lookup(seq));
                }
                result.put(name, new Recovered(messages, recovered.subscriptions()));
            });
        }
        return result;
    }

    /** Per channel number: its index blocks, subscriptions and segment sizes as they are in {@code state.db}. */
    private Map<Long, String> stateOf() {
        Map<Long, String> result = new TreeMap<>();
        try (StateDb state = StateDb.open(dir)) {
            for (long channel : state.channels.keySet()) {
                result.put(channel, "idx=" + hex(state.index(channel)) + " subs=" + hex(state.subscriptions(channel))
                        + " segs=" + state.segmentSizes(channel));
            }
        }
        return result;
    }

    private static String hex(Map<Long, byte[]> map) {
        Map<Long, String> result = new TreeMap<>();
        map.forEach((k, v) -> result.put(k, HexFormat.of().formatHex(v)));
        return result.toString();
    }

    private List<String> names() {
        DB db = DBMaker.fileDB(dir.resolve(StateDb.FILE_NAME).toFile()).transactionEnable().fileLockDisable().make();
        try {
            List<String> names = new ArrayList<>();
            db.getAllNames().forEach(names::add);
            return names.stream().sorted().toList();
        } finally {
            db.close();
        }
    }

    private record Recovered(List<MsgProto> messages, List<SubscriptionRecord> subscriptions) {
    }
}
