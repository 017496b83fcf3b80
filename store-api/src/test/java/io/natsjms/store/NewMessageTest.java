package io.natsjms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import io.natsjms.protocol.pb.MsgProto;
import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link NewMessage}'s hand encoding against protobuf's: on a seeded random corpus, the bytes must be
 * those of the message built with the builder (the extra field as an unknown field, as the server's
 * publish ID is attached) and stamped by {@link MessageStamps#stamp}. Replay a failure with
 * {@code -Dnatsjms.encode.seed=N}.
 */
class NewMessageTest {

    private static final int CASES = 5_000;
    private static final long[] EDGE_LONGS = {0, 1, 127, 128, 16_383, 16_384, (1L << 35) - 1, 1L << 35,
        1_700_000_000_000_000_000L, Long.MAX_VALUE, -1, Long.MIN_VALUE, -128};
    private static final int[] EDGE_SIZES = {0, 1, 127, 128, 16_383, 16_384};
    private static final int[] EXTRA_FIELDS = {11, 15, 16, 1000, 2047, 2048, 262_143, 262_144, (1 << 28) - 1,
        1 << 28, (1 << 29) - 1};

    /** What the server stored before {@link NewMessage}: the builder, the guid merged in as an unknown field, then stamp. */
    private static MsgProto reference(String subject, String reply, ByteString data, long sequence, long timestamp,
                                      int field, String value) {
        MsgProto.Builder builder = MsgProto.newBuilder().setSequence(sequence).setSubject(subject)
                .setTimestamp(timestamp).setReply(reply).setData(data);
        if (value != null) {
            builder.setUnknownFields(UnknownFieldSet.newBuilder()
                    .mergeLengthDelimitedField(field, ByteString.copyFromUtf8(value)).build());
        }
        return MessageStamps.stamp(builder.build(), sequence, Long.MIN_VALUE, timestamp);
    }

    @Test
    void encodesExactlyAsProtobufOnARandomCorpus() {
        long seed = Long.getLong("natsjms.encode.seed", System.nanoTime());
        System.out.println("NewMessageTest seed " + seed + " (replay with -Dnatsjms.encode.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            String subject = randomString(random);
            String reply = random.nextInt(3) == 0 ? "" : randomString(random);
            ByteString data = randomData(random, i);
            long sequence = randomLong(random);
            long timestamp = randomLong(random);
            boolean extra = random.nextInt(4) != 0;
            int field = EXTRA_FIELDS[random.nextInt(EXTRA_FIELDS.length)];
            String value = extra ? (random.nextInt(8) == 0 ? "" : randomString(random)) : null;
            NewMessage msg = extra ? NewMessage.withExtraField(subject, reply, data, timestamp, field, value)
                    : NewMessage.of(subject, reply, data, timestamp);
            MsgProto expected = reference(subject, reply, data, sequence, timestamp, field, value);
            String what = "seed " + seed + " case " + i + ": " + msg + " sequence " + sequence;

            byte[] bytes = msg.toByteArray(sequence, timestamp);
            assertThat(bytes).as(what).isEqualTo(expected.toByteArray());
            assertThat(msg.serializedSize(sequence, timestamp)).as(what).isEqualTo(expected.getSerializedSize());
            assertThat(msg.toMsgProto(sequence, timestamp)).as(what).isEqualTo(expected);
            assertThat(writtenAt(msg, random.nextInt(64), random.nextBoolean(), sequence, timestamp))
                    .as(what).isEqualTo(bytes);
        }
    }

    @Test
    void writesNothingWhenTheBufferIsTooSmall() {
        NewMessage msg = NewMessage.withExtraField("orders", "_INBOX.1", ByteString.copyFromUtf8("hello"), 5, 1000,
                "guid");
        ByteBuffer out = ByteBuffer.allocate(msg.serializedSize(1, 5) - 1);

        assertThatThrownBy(() -> msg.writeTo(out, 1, 5)).isInstanceOf(BufferOverflowException.class);
        assertThat(out.position()).isZero();
    }

    @Test
    void refusesAnExtraFieldMsgProtoHasOrProtobufDoesNotAllow() {
        ByteString data = ByteString.EMPTY;
        assertThatThrownBy(() -> NewMessage.withExtraField("a", "", data, 0, 10, "g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("extra field: 10 (expected: a field number MsgProto does not have, 11 to 536870911)");
        assertThatThrownBy(() -> NewMessage.withExtraField("a", "", data, 0, 1 << 29, "g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("extra field: 536870912 (expected:");
    }

    /** The bytes {@code writeTo} puts at {@code offset} of a heap or direct buffer, checking it wrote nothing else. */
    private static byte[] writtenAt(NewMessage msg, int offset, boolean direct, long sequence, long timestamp) {
        int size = msg.serializedSize(sequence, timestamp);
        ByteBuffer out = direct ? ByteBuffer.allocateDirect(offset + size + 8) : ByteBuffer.allocate(offset + size + 8);
        out.position(offset);
        msg.writeTo(out, sequence, timestamp);
        assertThat(out.position()).isEqualTo(offset + size);
        for (int i = 0; i < 8; i++) {
            assertThat(out.get(offset + size + i)).isZero();
        }
        byte[] bytes = new byte[size];
        out.get(offset, bytes);
        return bytes;
    }

    private static long randomLong(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> EDGE_LONGS[random.nextInt(EDGE_LONGS.length)];
            case 1 -> random.nextLong();
            case 2 -> random.nextLong() >>> random.nextInt(64);
            default -> 1_700_000_000_000_000_000L + random.nextInt(1_000_000_000);
        };
    }

    /** Mostly small; a few at the varint length boundaries; a few huge (over 2^21, a 4-byte length). */
    private static ByteString randomData(Random random, int i) {
        int size;
        if (i % 1000 == 999) {
            size = (1 << 21) + random.nextInt(1 << 16);
        } else if (random.nextInt(8) == 0) {
            size = EDGE_SIZES[random.nextInt(EDGE_SIZES.length)];
        } else {
            size = random.nextInt(2048);
        }
        byte[] bytes = new byte[size + 16];
        random.nextBytes(bytes);
        int from = random.nextInt(16);
        // sometimes a slice of a larger array, as a payload parsed with aliasing is
        return random.nextBoolean() ? ByteString.copyFrom(bytes, from, size)
                : ByteString.copyFrom(bytes).substring(from, from + size);
    }

    /** ASCII, Latin-1, other BMP characters, surrogate pairs and unpaired surrogates, sometimes empty. */
    private static String randomString(Random random) {
        int length = random.nextInt(10) == 0 ? 0 : random.nextInt(random.nextInt(8) == 0 ? 300 : 40);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(10)) {
                case 0 -> s.append((char) (0x80 + random.nextInt(0x80)));
                case 1 -> s.append((char) (0x100 + random.nextInt(0xD800 - 0x100)));
                case 2 -> s.appendCodePoint(0x10000 + random.nextInt(0x100000));
                case 3 -> s.append((char) (0xD800 + random.nextInt(0x800)));
                case 4 -> s.append((char) random.nextInt(0x20));
                default -> s.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return s.toString();
    }
}
