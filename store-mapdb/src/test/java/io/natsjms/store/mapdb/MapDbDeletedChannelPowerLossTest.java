package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.mapdb.TrackedFile.Fate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deleted channel's files are removed after a checkpoint, and the checkpoint after that forgets the channel
 * (its number leaves {@code deletedChannels}). Until the {@code channels} directory is forced after the removal,
 * a power loss may bring the removed directory back; the store must still open, without that channel.
 */
class MapDbDeletedChannelPowerLossTest {

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        // a checkpoint at every commit
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 1 << 20, 1, 3_600_000);
    }

    private static MsgProto msg(String subject) {
        return MsgProto.newBuilder().setSubject(subject).setTimestamp(1)
                .setData(ByteString.copyFrom("hello", StandardCharsets.UTF_8)).build();
    }

    @Test
    void aDeletedChannelsDirectoryThatComesBackDoesNotStopTheOpen() throws Exception {
        PowerLossFiles files = new PowerLossFiles(dir, Set.of(PowerLossFiles.Disorder.UNDELETE));
        MapDbStore store = MapDbStore.open(config(), files);
        store.createChannel("gone").messages().append(msg("gone"));
        store.createChannel("kept").messages().append(msg("kept"));
        store.commit();
        store.deleteChannel("gone");
        store.commit(); // its checkpoint records the deletion, then removes the files
        store.lookupChannel("kept").orElseThrow().messages().append(msg("kept"));
        store.commit(); // its checkpoint forgets the deleted channel
        files.cutPower((file, ops) -> Collections.nCopies(ops.size(), Fate.APPLIED), path -> false, path -> true,
                "every write kept, every deletion since the last directory sync undone");
        try {
            store.close();
        } catch (RuntimeException expected) {
            // every file operation fails now
        }
        files.writeDisk();
        assertThat(files.report()).anySatisfy(line -> assertThat(line).contains("deleted by the store, back"));

        try (MapDbStore reopened = MapDbStore.open(config())) {
            assertThat(reopened.recover().orElseThrow().channels()).containsOnlyKeys("kept");
            assertThat(reopened.lookupChannel("kept").orElseThrow().messages().lastSequence()).isEqualTo(2);
        }
    }
}
