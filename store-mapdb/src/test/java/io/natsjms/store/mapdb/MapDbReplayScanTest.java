package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying a journal of many small commits reads each segment file once, not once per commit:
 * a crash after a few hundred single-message commits on two channels (interleaved, over several
 * small segments each) comes back whole, and every segment file was opened exactly once while
 * recovering. (Opening, sizing and reading the file again for each frame made a crash reopen of a
 * store written one message per commit take seconds.)
 */
class MapDbReplayScanTest {

    private static final int COMMITS = 400;

    @TempDir
    Path dir;

    /** Counts the opens of each file; writes nothing else. */
    private static final class CountingFiles implements StoreFiles {
        final Map<String, Integer> opens = new TreeMap<>();

        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
            opens.merge(file.getParent().getFileName() + "/" + file.getFileName(), 1, Integer::sum);
            return FileChannel.open(file, options);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            DirectorySync.force(directory);
        }
    }

    private MapDbStoreConfig config() {
        // 4 KB segments, no checkpoint after the first: every commit below is replayed from the journal
        return new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.NEVER, 1000, 4096, 1L << 30,
                3_600_000);
    }

    @Test
    void eachSegmentIsOpenedOnceWhileReplayingManySmallCommits() throws IOException {
        MapDbStore store = MapDbStore.open(config());
        List<ChannelStore> channels = List.of(store.createChannel("a"), store.createChannel("b"));
        store.commit();
        for (int i = 0; i < COMMITS; i++) {
            channels.get(i % 2).messages().append(message(i));
            store.commit();
        }
        store.halt();
        List<String> segments = segmentFiles();
        assertThat(segments).hasSizeGreaterThan(10); // the commits span several segments per channel

        CountingFiles files = new CountingFiles();
        Map<String, Integer> segmentOpens = new TreeMap<>();
        try (MapDbStore reopened = MapDbStore.open(config(), files)) {
            files.opens.forEach((file, n) -> {
                if (file.contains("msgs.")) {
                    segmentOpens.put(file, n); // by the open; the reads below open files again
                }
            });
            for (int c = 0; c < 2; c++) {
                ChannelStore channel = reopened.lookupChannel(c == 0 ? "a" : "b").orElseThrow();
                assertThat(channel.messages().lastSequence()).isEqualTo(COMMITS / 2);
                for (int seq = 1; seq <= COMMITS / 2; seq++) {
                    assertThat(channel.messages().lookup(seq).getData()).isEqualTo(message((seq - 1) * 2 + c).getData());
                }
            }
        }
        // each segment read once by the replay; the newest of each channel once more, by the log that appends to it
        assertThat(segmentOpens.keySet()).containsExactlyInAnyOrderElementsOf(segments);
        segmentOpens.forEach((file, n) -> assertThat(n).as(file).isBetween(1, 2));
        assertThat(segmentOpens.values().stream().filter(n -> n == 2)).hasSizeLessThanOrEqualTo(2);
    }

    /**
     * Frames larger than the read-ahead window, small frames across window boundaries, and both in
     * one segment: every replayed message is indexed where it is (a wrong position or length would
     * fail its CRC when read back).
     */
    @Test
    void framesLargerThanTheReadAheadWindowAndFramesAcrossItsEdgeAreReplayed() {
        MapDbStoreConfig config = new MapDbStoreConfig(dir, StoreLimits.unlimited(), FsyncPolicy.NEVER, 1000,
                4L << 20, 1L << 30, 3_600_000);
        MapDbStore store = MapDbStore.open(config);
        ChannelStore channel = store.createChannel("big");
        store.commit();
        List<MsgProto> sent = new ArrayList<>();
        for (int commit = 0; commit < 60; commit++) {
            boolean large = commit % 10 == 3;
            for (int m = 0; m < 3; m++) {
                int size = large ? SegmentScanner.WINDOW / 2 : 700 + commit * 13 + m; // large: 3 of them > a window
                MsgProto message = MsgProto.newBuilder().setSubject("big")
                        .setData(ByteString.copyFrom(bytes(sent.size(), size))).build();
                channel.messages().append(message);
                sent.add(message);
            }
            store.commit();
        }
        store.halt();

        try (MapDbStore reopened = MapDbStore.open(config)) {
            ChannelStore back = reopened.lookupChannel("big").orElseThrow();
            assertThat(back.messages().lastSequence()).isEqualTo(sent.size());
            for (int seq = 1; seq <= sent.size(); seq++) {
                assertThat(back.messages().lookup(seq).getData()).as("message " + seq)
                        .isEqualTo(sent.get(seq - 1).getData());
            }
        }
    }

    /** More channels take turns in the journal than the scanner keeps files open: all come back. */
    @Test
    void moreChannelsThanFilesKeptOpenTakeTurns() {
        MapDbStore store = MapDbStore.open(config());
        List<ChannelStore> channels = new ArrayList<>();
        for (int c = 0; c < 70; c++) {
            channels.add(store.createChannel("c" + c));
        }
        store.commit();
        for (int round = 0; round < 4; round++) {
            for (int c = 0; c < channels.size(); c++) {
                channels.get(c).messages().append(message(round * 1000 + c));
                if (c % 3 == 0) {
                    store.commit(); // frames touching one to three channels, in turn
                }
            }
            store.commit();
        }
        store.halt();

        try (MapDbStore reopened = MapDbStore.open(config())) {
            for (int c = 0; c < channels.size(); c++) {
                ChannelStore channel = reopened.lookupChannel("c" + c).orElseThrow();
                assertThat(channel.messages().lastSequence()).isEqualTo(4);
                for (int round = 0; round < 4; round++) {
                    assertThat(channel.messages().lookup(round + 1).getData())
                            .isEqualTo(message(round * 1000 + c).getData());
                }
            }
        }
    }

    private static byte[] bytes(int seed, int size) {
        byte[] data = new byte[size];
        new java.util.Random(seed).nextBytes(data);
        return data;
    }

    private List<String> segmentFiles() throws IOException {
        List<String> result = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("channels"))) {
            files.filter(f -> SegmentLog.segmentNumber(f) >= 0)
                    .forEach(f -> result.add(f.getParent().getFileName() + "/" + f.getFileName()));
        }
        return result;
    }

    private static MsgProto message(int i) {
        return MsgProto.newBuilder().setSubject("replay")
                .setData(ByteString.copyFromUtf8("message " + i + " " + "x".repeat(200))).build();
    }
}
