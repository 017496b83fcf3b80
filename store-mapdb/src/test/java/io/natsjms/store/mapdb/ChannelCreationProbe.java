package io.natsjms.store.mapdb;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.SubState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A channel-count harness (not a test): creates channels in a fresh store, each with one message and one
 * subscription, committing every 100 channels, and prints the time taken at 100, 1,000 and 10,000 channels (and
 * the cost per channel since the previous mark); stops early when the time budget is spent. Then closes the store
 * (a checkpoint), prints the size of the MapDB files, and times opening it again with recovery.
 *
 * <p>Uses only the public store API, so it also runs against an older build of this module (its jar first on the
 * class path). Run: {@code java -XX:MaxDirectMemorySize=4g -cp <test class path>
 * io.natsjms.store.mapdb.ChannelCreationProbe <label> <empty directory> <channels> <budget seconds>}
 */
public final class ChannelCreationProbe {

    private ChannelCreationProbe() {
    }

    public static void main(String[] args) throws IOException {
        String label = args[0];
        Path dir = Path.of(args[1]);
        int count = Integer.parseInt(args[2]);
        long budgetNanos = Long.parseLong(args[3]) * 1_000_000_000L;
        StoreConfig config = StoreConfig.at(dir, StoreLimits.unlimited());
        long start = System.nanoTime();
        long lastMark = start;
        int lastCount = 0;
        int created = 0;
        try (Store store = new MapDbStoreProvider().open(config)) {
            store.recover();
            while (created < count) {
                String name = "probe.c" + created;
                ChannelStore channel = store.createChannel(name);
                channel.messages().append(MsgProto.newBuilder().setSubject(name)
                        .setData(ByteString.copyFromUtf8("m")).build());
                channel.subscriptions().create(SubState.newBuilder().setClientID("probe").setInbox("in." + created)
                        .build());
                created++;
                if (created % 100 == 0) {
                    store.commit();
                }
                boolean over = System.nanoTime() - start > budgetNanos;
                if (created == 100 || created == 1_000 || created == 10_000 || created == count || over) {
                    long now = System.nanoTime();
                    System.out.printf("%s %s channels=%d total_ms=%d ms_per_channel_since_%d=%.2f%n", label,
                            over ? "BUDGET SPENT" : "created", created, (now - start) / 1_000_000, lastCount,
                            (now - lastMark) / 1e6 / Math.max(1, created - lastCount));
                    lastMark = now;
                    lastCount = created;
                }
                if (over) {
                    break;
                }
            }
            store.commit();
        }
        long bytes;
        try (Stream<Path> files = Files.list(dir)) {
            bytes = files.filter(p -> p.getFileName().toString().startsWith(StateDb.FILE_NAME))
                    .mapToLong(p -> p.toFile().length()).sum();
        }
        long t = System.nanoTime();
        try (Store again = new MapDbStoreProvider().open(config)) {
            int channels = again.recover().orElseThrow().channels().size();
            System.out.printf("%s reopened channels=%d state_db_bytes=%d reopen_recover_ms=%d%n", label, channels,
                    bytes, (System.nanoTime() - t) / 1_000_000);
        }
    }
}
