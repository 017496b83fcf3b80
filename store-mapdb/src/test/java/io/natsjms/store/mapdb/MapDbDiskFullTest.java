package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreException.Reason;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.SubState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk and failing syncs, simulated by {@link FaultyFiles}: a commit that cannot be written
 * changes nothing (no sequence used, the files as they were), reads keep working, writes resume
 * once space is back, and a restart (also after a close while the disk was full) brings back
 * exactly what was committed.
 */
class MapDbDiskFullTest {

    @TempDir
    Path dir;

    private final FaultyFiles files = new FaultyFiles();

    private MapDbStoreConfig config(long checkpointBytes) {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 8192, checkpointBytes,
                3_600_000);
    }

    private MapDbStore open() {
        return MapDbStore.open(config(1L << 30), files);
    }

    private MapDbStore reopen() {
        return MapDbStore.open(config(1L << 30));
    }

    static MsgProto msg(String text) {
        return msg(text, 300);
    }

    /** A message whose data is {@code text}, a space and {@code padding} more bytes. */
    static MsgProto msg(String text, int padding) {
        byte[] data = (text + " " + "x".repeat(padding)).getBytes(StandardCharsets.UTF_8);
        return MsgProto.newBuilder().setSubject("full").setData(ByteString.copyFrom(data)).build();
    }

    private static String text(MsgProto stored) {
        String data = stored.getData().toStringUtf8();
        return data.substring(0, data.indexOf(' '));
    }

    private Path journal() throws Exception {
        try (var list = Files.list(dir)) {
            return list.filter(p -> StoreRecovery.journalNumber(p) >= 0).max(Path::compareTo).orElseThrow();
        }
    }

    private long segmentBytes() throws Exception {
        try (var list = Files.list(dir.resolve("channels/1"))) {
            long total = 0;
            for (Path p : list.toList()) {
                total += Files.size(p);
            }
            return total;
        }
    }

    @Test
    void aCommitOnAFullDiskUsesNoSequenceChangesNoFileAndWritesResumeWhenSpaceIsBack() throws Exception {
        try (MapDbStore store = open()) {
            ChannelStore channel = store.createChannel("full");
            for (int i = 1; i <= 30; i++) {
                channel.messages().append(msg("m" + i));
                store.commit();
            }
            long segments = segmentBytes();
            Path journal = journal();
            long journalBytes = Files.size(journal);

            files.full(true);
            channel.messages().append(msg("lost1"));
            channel.messages().append(msg("lost2"));
            assertThatThrownBy(store::commit).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.IO);
                assertThat(e.publicMessage()).isEqualTo("store I/O error: " + FaultyFiles.ENOSPC)
                        .doesNotContain(dir.toString());
                assertThat(e.getMessage()).contains(dir.toString());
            });
            assertThat(channel.messages().lastSequence()).isEqualTo(30);
            assertThat(channel.messages().stats().count()).isEqualTo(30);
            assertThat(segmentBytes()).isEqualTo(segments);
            assertThat(Files.size(journal)).isEqualTo(journalBytes);
            for (long seq = 1; seq <= 30; seq++) {
                assertThat(text(channel.messages().lookup(seq))).isEqualTo("m" + seq);
            }
            assertThat(channel.messages().lookup(31)).isNull();

            // still full: the same again, nothing grows
            assertThat(channel.messages().append(msg("lost3")).getSequence()).isEqualTo(31);
            assertThatThrownBy(store::commit).isInstanceOf(StoreException.class);
            assertThat(segmentBytes()).isEqualTo(segments);

            files.full(false);
            assertThat(channel.messages().append(msg("m31")).getSequence()).isEqualTo(31);
            store.commit();
            assertThat(text(channel.messages().lookup(31))).isEqualTo("m31");
        }
        try (MapDbStore store = reopen()) {
            ChannelStore channel = store.lookupChannel("full").orElseThrow();
            assertThat(channel.messages().lastSequence()).isEqualTo(31);
            for (long seq = 1; seq <= 31; seq++) {
                assertThat(text(channel.messages().lookup(seq))).isEqualTo("m" + seq);
            }
        }
    }

    @Test
    void aCloseWhileTheDiskIsFullLeavesAStoreThatOpensWithEveryCommittedMessage() throws Exception {
        MapDbStore store = open();
        ChannelStore channel = store.createChannel("full");
        for (int i = 1; i <= 5; i++) {
            channel.messages().append(msg("m" + i));
        }
        store.commit();
        files.full(true);
        channel.messages().append(msg("lost"));
        assertThatThrownBy(store::close).isInstanceOf(StoreException.class);

        try (MapDbStore reopened = reopen()) {
            ChannelStore recovered = reopened.lookupChannel("full").orElseThrow();
            assertThat(recovered.messages().lastSequence()).isEqualTo(5);
            assertThat(text(recovered.messages().lookup(5))).isEqualTo("m5");
            assertThat(recovered.messages().append(msg("m6")).getSequence()).isEqualTo(6);
        }
    }

    @Test
    void aFailedSyncUndoesTheCommitAndTheNextCommitSucceeds() throws Exception {
        try (MapDbStore store = open()) {
            ChannelStore channel = store.createChannel("full");
            channel.messages().append(msg("m1"));
            store.commit();
            for (String point : List.of("force journal", "write journal", "write msgs")) { // a commit forces no segment
                long segments = segmentBytes();
                long journalBytes = Files.size(journal());
                long last = channel.messages().lastSequence();
                channel.messages().append(msg("lost"));
                files.failNext(point, FaultyFiles.EIO);
                assertThatThrownBy(store::commit).as(point).isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.publicMessage()).isEqualTo("store I/O error: " + FaultyFiles.EIO));
                assertThat(channel.messages().lastSequence()).as(point).isEqualTo(last);
                assertThat(segmentBytes()).as(point).isEqualTo(segments);
                assertThat(Files.size(journal())).as(point).isEqualTo(journalBytes);
                channel.messages().append(msg("m" + (last + 1)));
                store.commit();
            }
        }
        try (MapDbStore store = reopen()) {
            ChannelStore channel = store.lookupChannel("full").orElseThrow();
            assertThat(channel.messages().lastSequence()).isEqualTo(4);
            for (long seq = 1; seq <= 4; seq++) {
                assertThat(text(channel.messages().lookup(seq))).isEqualTo("m" + seq);
            }
        }
    }

    @Test
    void subscriptionChangesOfAFailedCommitGoWithTheNextOne() throws Exception {
        long subId;
        try (MapDbStore store = open()) {
            ChannelStore channel = store.createChannel("full");
            subId = channel.subscriptions().create(SubState.newBuilder().setClientID("c").setInbox("in").build())
                    .getID();
            channel.messages().append(msg("m1"));
            channel.messages().append(msg("m2"));
            store.commit();
            channel.subscriptions().addPending(subId, 1);
            channel.subscriptions().addPending(subId, 2);
            files.full(true);
            assertThatThrownBy(store::commit).isInstanceOf(StoreException.class);
            channel.subscriptions().ackPending(subId, 1);
            files.full(false);
            store.commit();
        }
        try (MapDbStore store = reopen()) {
            SubscriptionRecord sub = store.lookupChannel("full").orElseThrow().subscriptions().all().get(0);
            assertThat(sub.state().getID()).isEqualTo(subId);
            assertThat(sub.pending()).containsExactly(2L);
        }
    }

    @Test
    void aCheckpointThatCannotCreateItsJournalLosesNothingAndIsRetriedLater() throws Exception {
        try (MapDbStore store = MapDbStore.open(config(1), files)) {
            ChannelStore channel = store.createChannel("full");
            long journalBefore = StoreRecovery.journalNumber(journal());
            files.failNext("create journal", FaultyFiles.ENOSPC);
            channel.messages().append(msg("m1"));
            store.commit(); // durable in the journal; the checkpoint after it fails and is logged
            assertThat(StoreRecovery.journalNumber(journal())).isEqualTo(journalBefore);
            channel.messages().append(msg("m2"));
            store.commit();
        }
        try (MapDbStore store = reopen()) {
            ChannelStore channel = store.lookupChannel("full").orElseThrow();
            assertThat(channel.messages().lastSequence()).isEqualTo(2);
            assertThat(text(channel.messages().lookup(1))).isEqualTo("m1");
            assertThat(text(channel.messages().lookup(2))).isEqualTo("m2");
        }
    }

    @Test
    void aFailedCommitThatCannotBeUndoneStopsWritesUntilTheStoreIsReopened() throws Exception {
        try (MapDbStore store = open()) {
            ChannelStore channel = store.createChannel("full");
            channel.messages().append(msg("m1"));
            store.commit();
            channel.messages().append(msg("lost"));
            files.failNext("force journal", FaultyFiles.EIO);
            files.failNext("truncate journal", FaultyFiles.EIO);
            assertThatThrownBy(store::commit).isInstanceOf(StoreException.class);
            assertThatThrownBy(store::commit).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.IO);
                assertThat(e.getMessage()).contains("stopped writing").contains("reopen");
                assertThat(e.publicMessage()).doesNotContain(dir.toString());
            });
            assertThat(text(channel.messages().lookup(1))).isEqualTo("m1");
            assertThatThrownBy(store::close).isInstanceOf(StoreException.class);
        }
        try (MapDbStore store = reopen()) {
            ChannelStore channel = store.lookupChannel("full").orElseThrow();
            // the frame reached the OS before its force failed: it may come back, never anything else
            assertThat(channel.messages().lastSequence()).isIn(1L, 2L);
            assertThat(text(channel.messages().lookup(1))).isEqualTo("m1");
            channel.messages().append(msg("m3"));
            store.commit();
        }
    }

    @Test
    void aCheckpointFailingBeforeOrAfterMapDbCommittedLosesNothingAfterACrash() throws Exception {
        int expected = 0;
        for (String point : List.of("commit state.db", "committed state.db")) {
            MapDbStore store = MapDbStore.open(config(1), files);
            ChannelStore channel = store.lookupChannel("full").orElseGet(() -> store.createChannel("full"));
            files.failNext(point, FaultyFiles.EIO);
            channel.messages().append(msg("m" + ++expected));
            store.commit(); // the checkpoint after it fails
            channel.messages().append(msg("m" + ++expected));
            store.commit(); // in the journal the failed checkpoint started
            store.halt();
            try (MapDbStore reopened = reopen()) {
                ChannelStore recovered = reopened.lookupChannel("full").orElseThrow();
                assertThat(recovered.messages().lastSequence()).as(point).isEqualTo(expected);
                for (long seq = 1; seq <= expected; seq++) {
                    assertThat(text(recovered.messages().lookup(seq))).as(point).isEqualTo("m" + seq);
                }
            }
        }
    }
}
