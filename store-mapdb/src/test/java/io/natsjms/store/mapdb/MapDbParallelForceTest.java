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
 * Under {@code fsync=always} a small commit forces only its journal frame, which carries the segment
 * bytes; the segment files of every channel written since are forced at the checkpoint (if the
 * background write-back did not come first), together, not one after another (200 clients on 200
 * channels once made every commit wait for 200 syncs in a row). A large commit forces its segment
 * files together with the journal. A segment that cannot be forced fails that checkpoint or commit
 * and loses nothing.
 */
class MapDbParallelForceTest {

    private static final int CHANNELS = 8;

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 1 << 20, 1L << 30,
                3_600_000);
    }

    private static List<JournalRecord> lastFrame(MapDbStore store) {
        List<JournalReader.Frame> frames = JournalReader.read(store.journalFile()).frames();
        return frames.get(frames.size() - 1).records();
    }

    @Test
    void aCommitForcesNoSegmentAndTheCheckpointForcesThemAllAtOnce() {
        GatedFiles files = new GatedFiles(CHANNELS, 5_000);
        try (MapDbStore store = MapDbStore.open(config(), files)) {
            for (int i = 0; i < CHANNELS; i++) {
                store.createChannel("c" + i).messages().append(MapDbDiskFullTest.msg("m" + i));
            }

            store.commit();
            assertThat(files.forces()).as("segment forces of the commit").isZero();
            assertThat(lastFrame(store)).filteredOn(JournalRecord.SegmentData.class::isInstance)
                    .as("segments carried by the frame").hasSize(CHANNELS);
        }
        assertThat(files.mostAtOnce()).as("segment forces in progress at once at the closing checkpoint")
                .isEqualTo(CHANNELS);
        try (MapDbStore reopened = MapDbStore.open(config())) {
            for (int i = 0; i < CHANNELS; i++) {
                assertThat(reopened.lookupChannel("c" + i).orElseThrow().messages().lastSequence())
                        .as("channel c" + i).isEqualTo(1);
            }
        }
    }

    @Test
    void oneSegmentThatCannotBeForcedFailsTheCheckpointAndLosesNothing() {
        GatedFiles files = new GatedFiles(1, 10_000);
        MapDbStore store = MapDbStore.open(config(), files);
        List<ChannelStore> channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(store.createChannel("c" + i));
            channels.get(i).messages().append(MapDbDiskFullTest.msg("kept " + i));
        }
        store.commit();
        files.failNextForceOf(String.valueOf(((MapDbChannel) channels.get(CHANNELS / 2)).number()));

        assertThatThrownBy(store::close).isInstanceOf(StoreException.class).hasMessageContaining(FaultyFiles.EIO);

        try (MapDbStore reopened = MapDbStore.open(config())) {
            for (int i = 0; i < CHANNELS; i++) {
                ChannelStore channel = reopened.lookupChannel("c" + i).orElseThrow();
                assertThat(channel.messages().lastSequence()).as("channel c" + i).isEqualTo(1);
                assertThat(channel.messages().lookup(1).getData().toStringUtf8()).startsWith("kept " + i);
            }
        }
    }

    @Test
    void aLargeCommitForcesItsSegmentsTogetherAndOneThatFailsUndoesIt() {
        GatedFiles files = new GatedFiles(1, 10_000);
        int large = (int) WriteAheadLog.CARRY_PER_CHANNEL + 1;
        try (MapDbStore store = MapDbStore.open(config(), files)) {
            List<ChannelStore> channels = new ArrayList<>();
            for (int i = 0; i < CHANNELS; i++) {
                channels.add(store.createChannel("c" + i));
            }
            store.commit();
            for (int i = 0; i < CHANNELS; i++) {
                channels.get(i).messages().append(MapDbDiskFullTest.msg("lost " + i, large));
            }
            files.failNextForceOf(String.valueOf(((MapDbChannel) channels.get(CHANNELS / 2)).number()));

            assertThatThrownBy(store::commit).isInstanceOf(StoreException.class)
                    .hasMessageContaining(FaultyFiles.EIO);
            assertThat(channels).allSatisfy(c -> assertThat(c.messages().lastSequence())
                    .as("a channel of the failed commit").isZero());
            int before = files.forces();

            for (int i = 0; i < CHANNELS; i++) {
                channels.get(i).messages().append(MapDbDiskFullTest.msg("kept " + i, large));
            }
            store.commit();
            assertThat(files.forces() - before).as("segment forces of the large commit").isGreaterThanOrEqualTo(CHANNELS);
            assertThat(lastFrame(store)).as("the large commit's frame").noneMatch(JournalRecord.SegmentData.class::isInstance)
                    .filteredOn(JournalRecord.SegmentEnd.class::isInstance).hasSize(CHANNELS);
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
