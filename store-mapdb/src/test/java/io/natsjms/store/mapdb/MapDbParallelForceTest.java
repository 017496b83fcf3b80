package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group commit that appended to many channels forces their segment files together, not one after
 * another (issue: 200 clients on 200 channels made every commit wait for 200 syncs in a row), and
 * still acknowledges nothing that is not on disk.
 */
class MapDbParallelForceTest {

    private static final int CHANNELS = 8;

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 8192, 1L << 30,
                3_600_000);
    }

    @Test
    void theSegmentFilesOfOneCommitAreForcedAtTheSameTime() {
        GatedFiles files = new GatedFiles(CHANNELS, 5_000);
        try (MapDbStore store = MapDbStore.open(config(), files)) {
            for (int i = 0; i < CHANNELS; i++) {
                store.createChannel("c" + i).messages().append(MapDbDiskFullTest.msg("m" + i));
            }

            store.commit();

            assertThat(files.mostAtOnce()).as("segment forces in progress at once").isEqualTo(CHANNELS);
        }
        try (MapDbStore reopened = MapDbStore.open(config())) {
            for (int i = 0; i < CHANNELS; i++) {
                assertThat(reopened.lookupChannel("c" + i).orElseThrow().messages().lastSequence())
                        .as("channel c" + i).isEqualTo(1);
            }
        }
    }

    @Test
    void oneSegmentThatCannotBeForcedFailsTheWholeCommitAndTheNextOneWritesEverything() {
        GatedFiles files = new GatedFiles(1, 10_000);
        try (MapDbStore store = MapDbStore.open(config(), files)) {
            List<ChannelStore> channels = new ArrayList<>();
            for (int i = 0; i < CHANNELS; i++) {
                channels.add(store.createChannel("c" + i));
            }
            store.commit();
            for (int i = 0; i < CHANNELS; i++) {
                channels.get(i).messages().append(MapDbDiskFullTest.msg("lost " + i));
            }
            files.failNextForceOf(String.valueOf(((MapDbChannel) channels.get(CHANNELS / 2)).number()));

            assertThatThrownBy(store::commit).isInstanceOf(StoreException.class)
                    .hasMessageContaining(FaultyFiles.EIO);
            assertThat(channels).allSatisfy(c -> assertThat(c.messages().lastSequence())
                    .as("a channel of the failed commit").isZero());

            for (int i = 0; i < CHANNELS; i++) {
                channels.get(i).messages().append(MapDbDiskFullTest.msg("kept " + i));
            }
            store.commit();
        }
        try (MapDbStore reopened = MapDbStore.open(config())) {
            for (int i = 0; i < CHANNELS; i++) {
                ChannelStore channel = reopened.lookupChannel("c" + i).orElseThrow();
                assertThat(channel.messages().lastSequence()).as("channel c" + i).isEqualTo(1);
                assertThat(channel.messages().lookup(1).getData().toStringUtf8()).startsWith("kept " + i);
            }
        }
    }
}
