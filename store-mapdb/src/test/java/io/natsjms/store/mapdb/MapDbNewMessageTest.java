package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.Appended;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageStore;
import io.natsjms.store.NewMessage;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Appends of a {@link NewMessage}, written straight into the segment's buffer: the files are byte for
 * byte those of the same messages appended as {@link MsgProto}s, a failed commit of them changes
 * nothing, and a body writer that fails leaves the segment log as it was.
 */
class MapDbNewMessageTest {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private final FaultyFiles files = new FaultyFiles();

    private MapDbStoreConfig config(Path directory) {
        // small segments, so that the messages span several files
        return new MapDbStoreConfig(directory, StoreLimits.unlimited(), FsyncPolicy.ALWAYS, 1000, 8192, 1L << 30,
                3_600_000);
    }

    private static NewMessage message(int i) {
        ByteString data = ByteString.copyFromUtf8("m" + i + " " + "x".repeat(i * 37 % 900));
        long timestamp = i % 13 == 12 ? T0 : T0 + i; // sometimes older than the one before
        return i % 3 == 0 ? NewMessage.of("orders", "", data, timestamp)
                : NewMessage.withExtraField("orders", "_INBOX." + i, data, timestamp, 1000, "guid-" + i);
    }

    private static String text(MsgProto msg) {
        String data = msg.getData().toStringUtf8();
        return data.substring(0, data.indexOf(' '));
    }

    /** Every file of channel 1 (its segments) by name. */
    private static Map<String, byte[]> segmentFiles(Path directory) throws Exception {
        Map<String, byte[]> contents = new TreeMap<>();
        try (var list = Files.list(directory.resolve("channels/1"))) {
            for (Path file : list.toList()) {
                contents.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

    @Test
    void segmentFilesAreByteForByteThoseOfTheSameMessagesAppendedAsMsgProtos() throws Exception {
        Path byFields = dir.resolve("by-fields");
        Path byProto = dir.resolve("by-proto");
        List<MsgProto> expected = new ArrayList<>();
        try (MapDbStore fields = MapDbStore.open(config(byFields)); MapDbStore proto = MapDbStore.open(config(byProto))) {
            MessageStore a = fields.createChannel("orders").messages();
            MessageStore b = proto.createChannel("orders").messages();
            for (int i = 0; i < 300; i++) {
                NewMessage msg = message(i);
                Appended appended = a.append(msg);
                MsgProto stored = b.append(msg.toMsgProto(b.lastSequence() + 1, msg.timestamp()));
                assertThat(appended).isEqualTo(new Appended(stored.getSequence(), stored.getTimestamp()));
                expected.add(stored);
                if (i % 40 == 39) {
                    fields.commit();
                    proto.commit();
                }
            }
            fields.commit();
            proto.commit();
        }

        Map<String, byte[]> written = segmentFiles(byFields);
        assertThat(written).hasSizeGreaterThan(3);
        assertThat(written).containsOnlyKeys(segmentFiles(byProto).keySet());
        segmentFiles(byProto).forEach((name, bytes) -> assertThat(written.get(name)).as(name).isEqualTo(bytes));
        try (MapDbStore reopened = MapDbStore.open(config(byFields))) {
            MessageStore messages = reopened.lookupChannel("orders").orElseThrow().messages();
            for (MsgProto msg : expected) {
                assertThat(messages.lookup(msg.getSequence())).isEqualTo(msg);
                assertThat(messages.lookupSerialized(msg.getSequence())).isEqualTo(msg.toByteArray());
            }
        }
    }

    @Test
    void aFailedCommitOfNewMessagesUsesNoSequenceAndForgetsThem() throws Exception {
        try (MapDbStore store = MapDbStore.open(config(dir), files)) {
            ChannelStore channel = store.createChannel("orders");
            for (int i = 1; i <= 10; i++) {
                channel.messages().append(message(i));
            }
            store.commit();
            long segments = segmentFiles(dir).values().stream().mapToLong(b -> b.length).sum();

            files.full(true);
            channel.messages().append(message(100));
            channel.messages().append(message(101));
            assertThatThrownBy(store::commit).isInstanceOf(StoreException.class);
            assertThat(channel.messages().lastSequence()).isEqualTo(10);
            assertThat(channel.messages().lookup(11)).isNull();
            assertThat(channel.messages().lookupSerialized(11)).isNull();
            assertThat(segmentFiles(dir).values().stream().mapToLong(b -> b.length).sum()).isEqualTo(segments);

            files.full(false);
            assertThat(channel.messages().append(message(11))).isEqualTo(new Appended(11, T0 + 11));
            store.commit();
            assertThat(text(channel.messages().lookup(11))).isEqualTo("m11");
            assertThat(channel.messages().lookupSerialized(11)).isEqualTo(message(11).toByteArray(11, T0 + 11));
        }
        try (MapDbStore reopened = MapDbStore.open(config(dir))) {
            MessageStore messages = reopened.lookupChannel("orders").orElseThrow().messages();
            assertThat(messages.lastSequence()).isEqualTo(11);
            for (int seq = 1; seq <= 11; seq++) {
                assertThat(text(messages.lookup(seq))).isEqualTo("m" + seq);
            }
        }
    }

    @Test
    void aBodyWriterThatFailsOrWritesTheWrongLengthAppendsNothing() {
        SegmentLog log = new SegmentLog(dir.resolve("c"), 1 << 20, LogPosition.START, StoreFiles.SYSTEM);
        LogPosition first = log.append(1, T0, new byte[] {1, 2, 3});

        assertThatThrownBy(() -> log.append(2, T0, 4, out -> out.put(new byte[3])))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("record body of 3 bytes (expected: 4)");
        assertThatThrownBy(() -> log.append(2, T0, 4, out -> {
            out.put((byte) 9);
            throw new IllegalArgumentException("broken");
        })).hasMessage("broken");
        LogPosition second = log.append(2, T0, 2, out -> out.put(new byte[] {7, 8}));

        assertThat(second).isEqualTo(new LogPosition(first.segment(), first.offset() + SegmentRecord.HEADER + 3));
        assertThat(log.readBody(first.segment(), first.offset(), 3, 1)).containsExactly(1, 2, 3);
        assertThat(log.readBody(second.segment(), second.offset(), 2, 2)).containsExactly(7, 8);
        log.writeOut();
        ByteBuffer body = log.read(second.segment(), second.offset(), 2, 2);
        assertThat(body.remaining()).isEqualTo(2);
        log.close();
    }
}
