package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.PendingCommit;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.mapdb.TrackedFile.Fate;
import io.natsjms.store.mapdb.TrackedFile.TornTail;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A power loss while the last commit is being forced: its journal frame reached the disk whole, its segment data
 * only in part. A large commit (its segment forced at the same time as the journal, its bytes not in the frame)
 * was never acknowledged: recovery must roll it back and open with the commit before it, whether the segment
 * data stops short or its last sectors read as zeros (a file whose new size reached the disk before its data).
 * A small commit carries its segment bytes in the frame: recovery puts them back and keeps it.
 */
class MapDbTornLastCommitTest {

    @TempDir
    Path dir;

    private MapDbStoreConfig config() {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 1 << 20, 1L << 30,
                3_600_000);
    }

    private static MsgProto msg(long sequence, int size) {
        byte[] data = new byte[size];
        new Random(sequence).nextBytes(data);
        return MsgProto.newBuilder().setSequence(sequence).setSubject("torn").setData(ByteString.copyFrom(data))
                .setTimestamp(1_000 + sequence).build();
    }

    private static final int LARGE = (int) WriteAheadLog.CARRY_PER_CHANNEL + 1_000;

    @Test
    void aLastCommitWhoseSegmentDataStopsShortIsRolledBack() throws Exception {
        assertThat(afterPowerLossInSecondCommit(TornTail.ABSENT, LARGE)).containsExactly(msg(1, 100));
    }

    @Test
    void aLastCommitWhoseSegmentDataEndsInZerosInsideARecordIsRolledBack() throws Exception {
        assertThat(afterPowerLossInSecondCommit(TornTail.ZEROS, LARGE)).containsExactly(msg(1, 100));
    }

    @Test
    void aSmallLastCommitWhoseFrameReachedTheDiskIsKeptWithItsBytesPutBack() throws Exception {
        assertThat(afterPowerLossInSecondCommit(TornTail.ZEROS, 3_000)).containsExactly(msg(1, 100), msg(2, 3_000));
    }

    /**
     * Commits one message, starts the commit of a second ({@code size} bytes: its record spans sector boundaries) and
     * cuts the power before its force: the journal frame is kept whole, the segment write is torn at its first
     * sector boundary with {@code tail} after it. Returns the messages found after reopening.
     */
    private List<MsgProto> afterPowerLossInSecondCommit(TornTail tail, int size) throws Exception {
        PowerLossFiles files = new PowerLossFiles(dir, Set.of());
        MapDbStore store = MapDbStore.open(config(), files);
        ChannelStore channel = store.createChannel("torn");
        channel.messages().append(msg(1, 100));
        store.commit();
        channel.messages().append(msg(2, size));
        PendingCommit second = store.startCommit();
        files.cutPower((file, operations) -> {
            List<Fate> fates = new ArrayList<>();
            for (TrackedFile.Pending op : operations) {
                boolean segment = file.getFileName().toString().startsWith("msgs.");
                fates.add(segment && op.boundaries() > 0 ? Fate.torn(op.boundary(0), tail) : Fate.APPLIED);
            }
            return fates;
        }, path -> false, path -> false, "the journal frame kept, the segment data torn (" + tail + ")");
        assertThatThrownBy(second::force).isInstanceOf(StoreException.class);
        assertThatThrownBy(store::close).isInstanceOf(StoreException.class);
        files.writeDisk();
        assertThat(files.report()).anySatisfy(line -> assertThat(line).contains("msgs.1.log").contains("torn at"))
                .anySatisfy(line -> assertThat(line).contains("journal.").contains("applied"));

        try (MapDbStore reopened = MapDbStore.open(config())) {
            reopened.recover();
            ChannelStore found = reopened.lookupChannel("torn").orElseThrow();
            List<MsgProto> messages = new ArrayList<>();
            for (long seq = 1; seq <= found.messages().lastSequence(); seq++) {
                messages.add(found.messages().lookup(seq));
            }
            return messages;
        }
    }
}
