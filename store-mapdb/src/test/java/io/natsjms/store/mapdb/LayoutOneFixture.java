package io.natsjms.store.mapdb;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import io.natsjms.store.spb.SubState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A data directory of layout 1 ({@link OldLayoutState}) as a crash leaves it: several channels whose messages span
 * many segments, subscriptions with pending messages, acks and redelivery counts, clients and server info, part of
 * it checkpointed into the per-channel maps of {@code state.db} and the rest only in the journal and segments. What
 * was written is kept in a model ({@link Expected}), for the tests to compare the recovered store with.
 */
final class LayoutOneFixture {

    /** Small segments, many index blocks, and no checkpoint while the fixture writes. */
    static StoreConfig config(Path dir) {
        return StoreConfig.at(dir, StoreLimits.unlimited())
                .withOption(MapDbStoreConfig.SEGMENT_BYTES, "4096")
                .withOption(MapDbStoreConfig.CHECKPOINT_INTERVAL_MS, "3600000")
                .withOption(MapDbStoreConfig.CHECKPOINT_BYTES, "1000000000");
    }

    /** What the fixture wrote, by channel name. */
    record Expected(ServerInfo serverInfo, TreeMap<String, ClientInfo> clients,
                    TreeMap<String, List<byte[]>> messages, TreeMap<String, TreeMap<Long, ExpectedSub>> subs) {
    }

    /** A subscription as the fixture left it. */
    record ExpectedSub(String clientId, String durableName, TreeSet<Long> pending, TreeMap<Long, Integer> counts) {
    }

    private final Random random = new Random(20261207L);
    private final Expected expected = new Expected(ServerInfo.newBuilder().setClusterID("upgrade")
            .setDiscovery("_STAN.discover.upgrade").build(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());

    private LayoutOneFixture() {
    }

    /**
     * Writes the fixture into {@code dir} (which must not exist yet) and rewrites it to layout 1.
     *
     * @param layoutTwo where to leave the same directory in layout 2, as it was before the rewrite
     */
    static Expected write(Path dir, Path layoutTwo) throws IOException {
        LayoutOneFixture fixture = new LayoutOneFixture();
        Path work = dir.resolveSibling(dir.getFileName() + ".writing");
        try (Store store = new MapDbStoreProvider().open(config(work))) {
            store.initServerInfo(fixture.expected.serverInfo());
            fixture.client(store, "alice");
            fixture.client(store, "bob");
            for (int c = 0; c < 12; c++) {
                fixture.fill(store, "up." + c, c == 3 ? 0 : 20 + fixture.random.nextInt(c == 0 ? 900 : 150));
            }
        } // closed: a checkpoint puts all of it into the per-channel maps
        try (Store store = new MapDbStoreProvider().open(config(work))) {
            store.recover();
            fixture.client(store, "carol");
            for (int c = 0; c < 12; c += 2) {
                fixture.more(store.lookupChannel("up." + c).orElseThrow());
            }
            fixture.fill(store, "up.new", 40);
            store.commit();
            copyTree(work, dir); // now, before the close checkpoints: the second part is only in the journal
        }
        copyTree(dir, layoutTwo);
        OldLayoutState.rewrite(dir);
        return fixture.expected;
    }

    private void client(Store store, String id) {
        ClientInfo client = ClientInfo.newBuilder().setID(id).setHbInbox("_INBOX." + id).build();
        store.addClient(client);
        expected.clients().put(id, client);
    }

    private void fill(Store store, String name, int count) {
        ChannelStore channel = store.createChannel(name);
        expected.messages().put(name, new ArrayList<>());
        expected.subs().put(name, new TreeMap<>());
        append(channel, count);
        for (int s = 0; s < 1 + random.nextInt(3); s++) {
            subscribe(channel, s);
        }
    }

    /** More messages, acks, redeliveries, a subscription removed and one added. */
    private void more(ChannelStore channel) {
        append(channel, 10 + random.nextInt(100));
        TreeMap<Long, ExpectedSub> subs = expected.subs().get(channel.name());
        if (subs.size() > 1) {
            long gone = subs.firstKey();
            channel.subscriptions().delete(gone);
            subs.remove(gone);
        }
        subscribe(channel, 9);
    }

    private void append(ChannelStore channel, int count) {
        List<byte[]> messages = expected.messages().get(channel.name());
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[1 + random.nextInt(random.nextInt(10) == 0 ? 3000 : 200)];
            random.nextBytes(payload);
            channel.messages().append(MsgProto.newBuilder().setSubject(channel.name())
                    .setData(ByteString.copyFrom(payload)).build());
            messages.add(payload);
        }
    }

    /** A subscription with every third message or so pending, some acked again, some redelivered. */
    private void subscribe(ChannelStore channel, int index) {
        SubscriptionStore store = channel.subscriptions();
        String durable = index % 2 == 0 ? "durable" + index : "";
        SubState sub = store.create(SubState.newBuilder().setClientID("alice").setInbox("_INBOX.s" + index)
                .setAckInbox("_ACK.s" + index).setDurableName(durable).setIsDurable(!durable.isEmpty())
                .setMaxInFlight(1000).setAckWaitInSecs(30).build());
        ExpectedSub model = new ExpectedSub("alice", durable, new TreeSet<>(), new TreeMap<>());
        expected.subs().get(channel.name()).put(sub.getID(), model);
        long last = channel.messages().lastSequence();
        for (long seq = 1 + random.nextInt(3); seq <= last; seq += 1 + random.nextInt(4)) {
            store.addPending(sub.getID(), seq);
            model.pending().add(seq);
            int dice = random.nextInt(10);
            if (dice < 3) {
                store.ackPending(sub.getID(), seq);
                model.pending().remove(seq);
            } else if (dice < 5) {
                int count = 1 + random.nextInt(5);
                store.setRedeliveryCount(sub.getID(), seq, count);
                model.counts().put(seq, count);
            }
        }
    }

    /** Copies the files of {@code from} to {@code to} (which must not exist), preserving the tree. */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The file names under {@code dir} with their sizes, for failure messages. */
    static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> result = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                result.put(dir.relativize(p).toString(), Files.size(p));
            }
        }
        return result;
    }
}
