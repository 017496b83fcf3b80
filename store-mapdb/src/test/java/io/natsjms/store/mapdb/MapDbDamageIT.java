package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.ChannelStore;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreException.Reason;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input on disk and a second process: torn tails are cut silently (but logged), damage
 * anywhere else is {@code CORRUPT} naming the file, a directory held by another process is
 * {@code LOCKED}. The store files are produced by a writer process that halts without closing.
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

    @Test
    void damagedCommittedMessageRecordIsCorrupt() throws Exception {
        HaltingWriter.run(dir, 10);
        flipByte(segment(), 60);
        assertThatThrownBy(this::reopen).isInstanceOfSatisfying(StoreException.class, e -> {
            assertThat(e.reason()).isEqualTo(Reason.CORRUPT);
            assertThat(e.getMessage()).contains("journal file").contains("commits up to 1 are recoverable");
        });
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
}
