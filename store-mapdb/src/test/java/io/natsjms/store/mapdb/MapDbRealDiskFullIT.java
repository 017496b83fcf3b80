package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code ENOSPC}: the store on a 6 MB tmpfs, publishing until the disk is full. Every commit
 * that returned is there after a restart, byte for byte; failed commits used no sequence; writes
 * resume once space is freed; a close while the disk is full leaves a store that opens, even while
 * the disk is still full. Skipped
 * where a tmpfs cannot be mounted (not root, not Linux).
 */
class MapDbRealDiskFullIT {

    @TempDir
    Path tmp;

    private SmallFilesystem fs;

    @AfterEach
    void unmount() throws Exception {
        if (fs != null) {
            fs.close();
        }
    }

    private Store open(Path dir) {
        return new MapDbStoreProvider().open(StoreConfig.at(dir, StoreLimits.unlimited())
                .withOption(MapDbStoreConfig.SEGMENT_BYTES, "262144")
                .withOption(MapDbStoreConfig.CHECKPOINT_BYTES, "524288"));
    }

    @Test
    void publishingIntoAFullDiskLosesNothingCommittedAndResumesWhenSpaceIsBack() throws Exception {
        fs = SmallFilesystem.mount(tmp.resolve("mnt"), 6);
        assumeTrue(fs != null, "cannot mount a tmpfs here (needs root on Linux)");
        Path dir = fs.root().resolve("data");
        Random random = new Random(42);
        List<byte[]> acked = new ArrayList<>();
        Store store = open(dir);
        ChannelStore channel = store.createChannel("full");
        store.commit();
        fs.fill(1_500_000);
        int failures = 0;
        for (int i = 0; i < 5000 && failures < 20; i++) {
            List<byte[]> batch = new ArrayList<>();
            try {
                for (int n = 0; n < 10; n++) {
                    byte[] data = new byte[1000];
                    random.nextBytes(data);
                    long seq = channel.messages().append(MsgProto.newBuilder().setSubject("full")
                            .setData(ByteString.copyFrom(data)).build()).getSequence();
                    assertThat(seq).isEqualTo(acked.size() + batch.size() + 1);
                    batch.add(data);
                }
                store.commit();
                acked.addAll(batch);
            } catch (StoreException e) {
                assertThat(e.reason()).isEqualTo(StoreException.Reason.IO);
                assertThat(e.publicMessage()).doesNotContain(dir.toString());
                assertThat(channel.messages().lastSequence()).as("no sequence used").isEqualTo(acked.size());
                failures++;
            }
        }
        assertThat(failures).as("the disk filled up").isPositive();
        assertThat(acked).as("some commits succeeded first").isNotEmpty();
        for (int seq = 1; seq <= acked.size(); seq += 97) {
            assertThat(channel.messages().lookup(seq).getData().toByteArray()).isEqualTo(acked.get(seq - 1));
        }

        fs.free();
        byte[] after = new byte[1000];
        random.nextBytes(after);
        assertThat(channel.messages().append(MsgProto.newBuilder().setSubject("full")
                .setData(ByteString.copyFrom(after)).build()).getSequence()).isEqualTo(acked.size() + 1);
        store.commit();
        acked.add(after);

        // fill again and close while full (as on SIGTERM): the next open still works
        fs.fill(0);
        channel.messages().append(MsgProto.newBuilder().setSubject("full")
                .setData(ByteString.copyFrom(new byte[5000])).build());
        try {
            store.close();
        } catch (StoreException closeFailed) {
            // expected on a full disk: the last commit or checkpoint could not be written
        }
        Store whileFull = open(dir); // the disk is still full: the restart works all the same
        check(whileFull, acked);
        try {
            whileFull.close();
        } catch (StoreException closeFailed) {
            // the disk is still full
        }
        fs.free();
        try (Store reopened = open(dir)) {
            check(reopened, acked);
        }
    }

    private static void check(Store store, List<byte[]> acked) {
        ChannelStore recovered = store.lookupChannel("full").orElseThrow();
        assertThat(recovered.messages().lastSequence()).isEqualTo(acked.size());
        for (int seq = 1; seq <= acked.size(); seq++) {
            assertThat(recovered.messages().lookup(seq).getData().toByteArray()).as("message %d", seq)
                    .isEqualTo(acked.get(seq - 1));
        }
    }
}
