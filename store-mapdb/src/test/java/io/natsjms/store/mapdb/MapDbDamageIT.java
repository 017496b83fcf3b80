package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreException.Reason;
import io.natsjms.store.StoreLimits;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on disk and a second process: torn tails are cut silently (but logged), damage
 * anywhere else is {@code CORRUPT} naming the file, a directory held by another process is
 * {@code LOCKED}. The store files are produced by a writer process that halts without closing, or
 * (for small segments) by a store in this JVM that halts.
 */
class MapDbDamageIT {

    @TempDir
    Path dir;

    private Store reopen() {
        return new MapDbStoreProvider().open(HaltingWriter.config(dir));
    }

    private Path journal() throws Exception {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("journal.")).findFirst().orElseThrow();
        }
    }

    private Path segment() {
        return dir.resolve("channels/1/msgs.1.log");
    }

    private static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            int b = raf.read();
            raf.seek(offset);
            raf.write(b ^ 0x5a);
        }
    }

    @Test
    void tornJournalTailRollsBackOnlyTheLastCommit() throws Exception {
        HaltingWriter.run(dir, 10);
        Path journal = journal();
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.setLength(raf.length() - 3);
        }
        try (Store store = reopen()) {
            ChannelStore channel = store.lookupChannel("damage").orElseThrow();
            assertThat(channel.messages().lastSequence()).isEqualTo(45);
            assertThat(channel.subscriptions().all().get(0).pending()).hasSize(45);
            assertThat(channel.messages().append(channel.messages().lookup(1)).getSequence()).isEqualTo(46);
        }
    }

    @Test
    void uncommittedSegmentTailIsCutAndSequencesContinue() throws Exception {
        HaltingWriter.run(dir, 4);
        long committed = Files.size(segment());
        Files.write(segment(), new byte[] {1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);
        try (Store store = reopen()) {
            ChannelStore channel = store.lookupChannel("damage").orElseThrow();
            assertThat(channel.messages().lastSequence()).isEqualTo(20);
            assertThat(Files.size(segment())).isEqualTo(committed);
            assertThat(channel.messages().append(channel.messages().lookup(20)).getSequence()).isEqualTo(21);
        }
    }

    @Test
    void damagedJournalFrameBeforeValidOnesIsCorrupt() throws Exception {
        HaltingWriter.run(dir, 10);
        Path journal = journal();
        flipByte(journal, Files.size(journal) / 3);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(journal.toString()).contains("recoverable");
        });
    }

    /** A frame written under fsync=never carries no segment bytes: the segment is the only copy. */
    @Test
    void damagedCommittedMessageRecordIsCorrupt() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.NEVER);
        MapDbStore store = MapDbStore.open(config);
        commitIntoANewSegment(store, 2);
        store.halt();
        flipByte(segment(), 60);
        assertThatThrownBy(() -> MapDbStore.open(config)).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains("journal file").contains("holds a damaged record at offset 0").contains("commits up to 0 are recoverable");
        });
    }

    /** Under fsync=always the frame holds the bytes its commit did not force: damage there is undone. */
    @Test
    void damagedCommittedMessageRecordOnlyForcedInTheJournalIsRestored() throws Exception {
        HaltingWriter.run(dir, 10);
        byte[] written = Files.readAllBytes(segment());
        flipByte(segment(), 60);
        try (Store store = reopen()) {
            assertThat(store.lookupChannel("damage").orElseThrow().messages().lastSequence()).isEqualTo(50);
        }
        assertThat(Files.readAllBytes(segment())).isEqualTo(written);
    }

    @Test
    void truncatedCheckpointedSegmentIsCorrupt() throws Exception {
        HaltingWriter.run(dir, 10);
        reopen().close();
        try (RandomAccessFile raf = new RandomAccessFile(segment().toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(segment().toString()).contains("truncated");
        });
    }

    @Test
    void damagedCheckpointedRecordIsCorruptWhenRead() throws Exception {
        HaltingWriter.run(dir, 10);
        reopen().close();
        flipByte(segment(), 200);
        try (Store store = reopen()) {
            ChannelStore channel = store.lookupChannel("damage").orElseThrow();
            assertThat(channel.messages().lookup(50)).isNotNull();
            assertThatThrownBy(() -> channel.messages().lookup(2)).isInstanceOfSatisfying(StoreException.class,
                    e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
                        assertThat(e.getMessage()).contains(segment().toString()).contains("message 2");
                    });
        }
    }

    @Test
    void damagedStateFileIsCorruptAndNamesIt() throws Exception {
        HaltingWriter.run(dir, 3);
        reopen().close();
        Path state = dir.resolve(StateDb.FILE_NAME);
        byte[] garbage = new byte[(int) Math.min(Files.size(state), 65536)];
        java.util.Arrays.fill(garbage, (byte) 0x7f);
        try (RandomAccessFile raf = new RandomAccessFile(state.toFile(), "rw")) {
            raf.write(garbage);
        }
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(state.toString());
        });
    }

    @Test
    void directoryHeldByAnotherProcessIsLocked() throws Exception {
        Process holder = HaltingWriter.start(dir, 1, true);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.equals("open")) {
                line = out.readLine(); // the writer's log lines
            }
            assertThat(line).as("the holder reports the store open").isEqualTo("open");
            assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.LOCKED);
                assertThat(e.getMessage()).isEqualTo("data directory " + dir + " is locked by another process");
            });
        } finally {
            holder.destroyForcibly().waitFor();
        }
        try (Store store = reopen()) {
            assertThat(store.lookupChannel("damage").orElseThrow().messages().lastSequence()).isEqualTo(5);
        }
    }

    // --- issue 12: nothing is deleted or dropped that was not proven obsolete ---

    @Test
    void aMissingStateFileIsRefusedAndNothingIsDeleted() throws Exception {
        HaltingWriter.run(dir, 10);
        reopen().close();
        Files.delete(dir.resolve(StateDb.FILE_NAME));
        String before = MapDbCorruptionIT.hash(dir);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(dir.resolve(StateDb.FILE_NAME) + " is missing")
                    .contains("Nothing was changed");
        });
        assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
        assertThat(segment()).exists();
    }

    @Test
    void anEmptyStateFileIsRefusedLikeAMissingOne() throws Exception {
        HaltingWriter.run(dir, 3);
        reopen().close();
        Files.write(dir.resolve(StateDb.FILE_NAME), new byte[0]);
        String before = MapDbCorruptionIT.hash(dir);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class,
                e -> assertThat(e.getMessage()).contains("is empty"));
        assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
    }

    @Test
    void aJournalCutInHalfIsRefusedNotTakenForATornTail() throws Exception {
        HaltingWriter.run(dir, 200);
        Path journal = journal();
        try (RandomAccessFile raf = new RandomAccessFile(journal.toFile(), "rw")) {
            raf.setLength(raf.length() / 2 + 7);
        }
        String before = MapDbCorruptionIT.hash(dir);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(segment().toString()).contains(journal.toString())
                    .contains("journal frames were lost");
        });
        assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
    }

    @Test
    void aDeletedJournalIsRefused() throws Exception {
        HaltingWriter.run(dir, 10);
        Path journal = journal();
        Files.delete(journal);
        String before = MapDbCorruptionIT.hash(dir);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(journal + " is missing");
        });
        assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
    }

    @Test
    void aDamagedLastJournalFrameIsRefusedNotTakenForATornTail() throws Exception {
        HaltingWriter.run(dir, 10);
        Path journal = journal();
        flipByte(journal, Files.size(journal) - 20);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(journal.toString()).contains("does not match its checksum");
        });
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aDamagedIndexBlockIsReportedWhenReadNamingTheStateFile() throws Exception {
        HaltingWriter.run(dir, 120); // 600 messages: index blocks 0, 1 and 2
        reopen().close();
        try (StateDb state = StateDb.open(dir)) {
            byte[] block = state.index(1).get(1L);
            block[block.length / 2] ^= 0x5a;
            state.index(1).put(1L, block);
            state.commit();
        }
        try (Store store = reopen()) {
            ChannelStore channel = store.lookupChannel("damage").orElseThrow();
            assertThat(channel.messages().lookup(5)).isNotNull();
            assertThat(channel.messages().lookup(600)).isNotNull();
            assertThatThrownBy(() -> channel.messages().lookup(300)).isInstanceOfSatisfying(StoreException.class,
                    e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
                        assertThat(e.getMessage()).contains(dir.resolve(StateDb.FILE_NAME).toString())
                                .contains("index block 1");
                    });
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aDamagedIndexBlockOfTheOldestMessageIsRefusedAtOpen() throws Exception {
        HaltingWriter.run(dir, 10);
        reopen().close();
        try (StateDb state = StateDb.open(dir)) {
            byte[] block = state.index(1).get(0L);
            block[block.length / 2] ^= 0x5a;
            state.index(1).put(0L, block);
            state.commit();
        }
        String before = MapDbCorruptionIT.hash(dir);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(dir.resolve(StateDb.FILE_NAME).toString()).contains("index block 0");
        });
        assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aDamagedChannelRecordIsRefusedAtOnce() throws Exception {
        HaltingWriter.run(dir, 10);
        reopen().close();
        try (StateDb state = StateDb.open(dir)) {
            ChannelMeta meta = ChannelMeta.decode(state.channels.get(1L));
            // as written before records had checksums (no CRC), with a count no log can hold
            byte[] legacy = java.util.Arrays.copyOf(new ChannelMeta(meta.name(), 1, 1_000_000_000_000L,
                    meta.lastTimestamp(), 999_999_999_999L, meta.bytes(), meta.nextSubId(), meta.end()).encode(),
                    meta.encode().length - 4);
            state.channels.put(1L, legacy);
            state.commit();
        }
        String before = MapDbCorruptionIT.hash(dir);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains(dir.resolve(StateDb.FILE_NAME).toString()).contains("channel");
        });
        assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
    }

    @Test
    void aDamagedSubscriptionRecordIsSetAsideAndTheRestComesBack() throws Exception {
        HaltingWriter.run(dir, 10);
        reopen().close();
        byte[] garbage = {0, 0, 0, 3, 1, 2, 3, 0, 0};
        try (StateDb state = StateDb.open(dir)) {
            state.subscriptions(1).put(77L, garbage);
            state.commit();
        }
        try (Store store = reopen()) {
            ChannelStore channel = store.lookupChannel("damage").orElseThrow();
            assertThat(channel.subscriptions().all()).hasSize(1);
            assertThat(channel.subscriptions().all().get(0).pending()).hasSize(50);
            assertThat(channel.messages().lastSequence()).isEqualTo(50);
        }
        try (StateDb state = StateDb.open(dir)) {
            assertThat(state.subscriptions(1)).doesNotContainKey(77L);
            assertThat(state.setAside).hasSize(1);
            assertThat(state.setAside.keySet().iterator().next()).contains("subscription 77");
            assertThat(state.setAside.values().iterator().next()).isEqualTo(garbage);
        }
    }

    private MapDbStoreConfig smallSegments(FsyncPolicy fsync) {
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), fsync, 1000, 8192, 1L << 30,
                3_600_000);
    }

    /**
     * Commits 5 messages of 1000 bytes at a time into 8 KB segments until a commit starts a new
     * segment file, then {@code more} commits of one small message; returns the channel's newest
     * segment file, which holds messages of those last commits only.
     */
    private static Path commitIntoANewSegment(MapDbStore store, int more) {
        ChannelStore channel = store.lookupChannel("damage").orElseGet(() -> store.createChannel("damage"));
        SegmentLog log = ((MapDbChannel) channel).messages().log();
        long before = log.end().segment();
        while (log.end().segment() == before) {
            for (int m = 0; m < 5; m++) {
                channel.messages().append(message(1000));
            }
            store.commit();
        }
        long newest = log.end().segment();
        for (int i = 0; i < more; i++) {
            channel.messages().append(message(100));
            store.commit();
        }
        assertThat(log.end().segment()).as("the small commits stay in the new segment").isEqualTo(newest);
        return log.file(newest);
    }

    /** A message of {@code size} bytes, none zero (a run of zero sectors reads as never written, not as damage). */
    private static MsgProto message(int size) {
        byte[] data = new byte[size];
        java.util.Arrays.fill(data, (byte) 'd');
        return MsgProto.newBuilder().setSubject("damage").setData(ByteString.copyFrom(data)).build();
    }

    private void assertRefusedNaming(Path newest, MapDbStoreConfig config) throws Exception {
        String before = MapDbCorruptionIT.hash(dir);
        assertThatThrownBy(() -> MapDbStore.open(config)).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains("segment file " + newest + " is missing");
        });
        assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
    }

    @Test
    void theNewestSegmentDeletedAfterTheLastCommitStartedItIsRefusedNotRolledBack() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.ALWAYS);
        MapDbStore store = MapDbStore.open(config);
        Path newest = commitIntoANewSegment(store, 0);
        store.halt();
        Files.delete(newest);
        assertRefusedNaming(newest, config);
    }

    @Test
    void theNewestSegmentDeletedWithSeveralCommitsOnlyInTheJournalIsRefused() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.ALWAYS);
        MapDbStore store = MapDbStore.open(config);
        Path newest = commitIntoANewSegment(store, 2);
        store.halt();
        Files.delete(newest);
        assertRefusedNaming(newest, config);
    }

    @Test
    void theNewestSegmentDeletedAfterACheckpointIsRefused() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.ALWAYS);
        Path newest;
        try (MapDbStore store = MapDbStore.open(config)) {
            newest = commitIntoANewSegment(store, 0);
        }
        Files.delete(newest);
        assertRefusedNaming(newest, config);
    }

    @Test
    void theNewestSegmentDeletedWithCheckpointedAndJournaledCommitsIsRefused() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.ALWAYS);
        Path newest;
        try (MapDbStore store = MapDbStore.open(config)) {
            newest = commitIntoANewSegment(store, 0);
        }
        MapDbStore store = MapDbStore.open(config);
        ChannelStore channel = store.lookupChannel("damage").orElseThrow();
        channel.messages().append(message(100));
        store.commit();
        assertThat(((MapDbChannel) channel).messages().log().file(((MapDbChannel) channel).messages().log().end()
                .segment())).isEqualTo(newest);
        store.halt();
        Files.delete(newest);
        assertRefusedNaming(newest, config);
    }

    /**
     * The crash this must not be confused with: the last commit's data in a new segment cut (not
     * deleted), as a power loss leaves a file whose data was not forced. Under fsync=always the
     * journal frame carries that data, and nothing is lost.
     */
    @Test
    void theNewestSegmentCutToZeroIsRestoredFromTheJournal() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.ALWAYS);
        MapDbStore store = MapDbStore.open(config);
        Path newest = commitIntoANewSegment(store, 2);
        long last = store.lookupChannel("damage").orElseThrow().messages().lastSequence();
        store.halt();
        byte[] written = Files.readAllBytes(newest);
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
            raf.setLength(0);
        }
        try (MapDbStore reopened = MapDbStore.open(config)) {
            assertThat(reopened.lookupChannel("damage").orElseThrow().messages().lastSequence()).isEqualTo(last);
        }
        assertThat(Files.readAllBytes(newest)).isEqualTo(written);
    }

    /** Without fsync=always the frame holds no segment bytes: a cut inside the last commit rolls back that commit only. */
    @Test
    void theNewestSegmentCutToZeroWithFsyncNeverRollsBackOnlyTheLastCommit() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.NEVER);
        MapDbStore store = MapDbStore.open(config);
        Path newest = commitIntoANewSegment(store, 0);
        long last = store.lookupChannel("damage").orElseThrow().messages().lastSequence();
        store.halt();
        try (RandomAccessFile raf = new RandomAccessFile(newest.toFile(), "rw")) {
            raf.setLength(0);
        }
        try (MapDbStore reopened = MapDbStore.open(config)) {
            assertThat(reopened.lookupChannel("damage").orElseThrow().messages().lastSequence()).isEqualTo(last - 5);
        }
    }

    /** Without fsync=always an OS crash may lose a new segment file, as it may lose the last commits. */
    @Test
    void theNewestSegmentMissingWithFsyncNeverRollsBackTheLastCommit() throws Exception {
        MapDbStoreConfig config = smallSegments(FsyncPolicy.NEVER);
        MapDbStore store = MapDbStore.open(config);
        Path newest = commitIntoANewSegment(store, 0);
        long last = store.lookupChannel("damage").orElseThrow().messages().lastSequence();
        store.halt();
        Files.delete(newest);
        try (MapDbStore reopened = MapDbStore.open(config)) {
            assertThat(reopened.lookupChannel("damage").orElseThrow().messages().lastSequence()).isEqualTo(last - 5);
        }
    }

    /**
     * A torn write leaves a prefix of the last frame (and maybe zeros), never other bytes: a
     * damaged magic or length in the last frame's header is refused, not taken for a torn tail.
     */
    @Test
    void aDamagedHeaderOfTheLastJournalFrameIsRefusedNotTakenForATornTail() throws Exception {
        HaltingWriter.run(dir, 10);
        Path journal = journal();
        List<JournalReader.Frame> frames = JournalReader.read(journal).frames();
        long last = frames.get(frames.size() - 1).position();
        for (long at : new long[] {last, last + 3, last + 5, last + 7}) {
            flipByte(journal, at);
            String before = MapDbCorruptionIT.hash(dir);
            assertThatThrownBy(this::reopen).as("byte %d of the last frame flipped", at - last)
                    .isInstanceOfSatisfying(StoreException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
                        assertThat(e.getMessage()).contains(journal + " is damaged at offset " + last)
                                .contains("the 10 commits before it are recoverable");
                    });
            assertThat(MapDbCorruptionIT.hash(dir)).isEqualTo(before);
            flipByte(journal, at); // undone
        }
        try (Store store = reopen()) {
            assertThat(store.lookupChannel("damage").orElseThrow().messages().lastSequence()).isEqualTo(50);
        }
    }
}
