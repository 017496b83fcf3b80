package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.PubMsg;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link PublishDecoder} against protobuf's parser on a seeded random corpus: valid PubMsgs (ASCII and
 * not, fields repeated, unknown fields), then the same truncated and with random bytes changed. The
 * decoder must give what protobuf gives, or fail where it fails. Replay with {@code -Dnatsjms.decode.seed=N}.
 */
class PublishDecoderTest {

    private static final int CASES = 20_000;

    private static Publish parsedByProtobuf(byte[] payload) throws InvalidProtocolBufferException {
        return Publish.of(PubMsg.parseFrom(payload));
    }

    @Test
    void decodesAsProtobufDoesOnARandomCorpus() {
        long seed = Long.getLong("natsjms.decode.seed", System.nanoTime());
        System.out.println("PublishDecoderTest seed " + seed + " (replay with -Dnatsjms.decode.seed=" + seed + ")");
        Random random = new Random(seed);
        int fast = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] payload = payload(random);
            switch (random.nextInt(4)) {
                case 0 -> payload = Arrays.copyOf(payload, random.nextInt(payload.length + 1));
                case 1 -> {
                    for (int n = random.nextInt(3) + 1; n > 0 && payload.length > 0; n--) {
                        payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                    }
                }
                default -> { }
            }
            String what = "seed " + seed + " case " + i + ": " + Arrays.toString(payload);
            Publish expected;
            try {
                expected = parsedByProtobuf(payload);
            } catch (InvalidProtocolBufferException e) {
                byte[] bad = payload;
                assertThatThrownBy(() -> PublishDecoder.decode(bad, "_STAN.pub.x")).as(what)
                        .isInstanceOf(ProtocolException.class);
                continue;
            }
            assertThat(PublishDecoder.decode(payload, "_STAN.pub.x")).as(what).isEqualTo(expected);
            fast += PublishDecoder.fastDecode(payload) != null ? 1 : 0;
        }
        assertThat(fast).as("decoded by hand").isGreaterThan(CASES / 4);
    }

    @Test
    void whatOfficialClientsSendIsDecodedByHandAndSharesThePayload() {
        PubMsg msg = PubMsg.newBuilder().setClientID("me").setGuid("NUIDNUIDNUIDNUIDNUID22").setSubject("orders")
                .setReply("_INBOX.x").setData(ByteString.copyFromUtf8("x".repeat(1000)))
                .setConnID(ByteString.copyFromUtf8("conn")).build();
        byte[] payload = msg.toByteArray();

        Publish publish = PublishDecoder.fastDecode(payload);

        assertThat(publish).isEqualTo(Publish.of(msg));
        payload[payload.length - 5 - 2] = 'y'; // the last byte of data (connID, 6 bytes with tag and length, follows)
        assertThat(publish.data().byteAt(999)).isEqualTo((byte) 'y');
    }

    /** A PubMsg: mostly as clients send it, sometimes with non-ASCII strings, unknown or repeated fields. */
    private static byte[] payload(Random random) {
        PubMsg.Builder msg = PubMsg.newBuilder();
        if (random.nextInt(8) != 0) {
            msg.setClientID(string(random)).setGuid(string(random)).setSubject(string(random));
        }
        if (random.nextBoolean()) {
            msg.setReply(string(random));
        }
        if (random.nextInt(4) != 0) {
            msg.setData(bytes(random, random.nextInt(10) == 0 ? 20_000 : 300));
        }
        if (random.nextBoolean()) {
            msg.setConnID(bytes(random, 30));
        }
        if (random.nextInt(10) == 0) {
            msg.setSha256(bytes(random, 32));
        }
        if (random.nextInt(10) == 0) {
            UnknownFieldSet.Builder unknown = UnknownFieldSet.newBuilder();
            int field = 7 + random.nextInt(20);
            switch (random.nextInt(3)) {
                case 0 -> unknown.mergeVarintField(field, random.nextInt());
                case 1 -> unknown.mergeLengthDelimitedField(field, bytes(random, 10));
                default -> unknown.addField(field, UnknownFieldSet.Field.newBuilder().addFixed32(random.nextInt()).build());
            }
            msg.setUnknownFields(unknown.build());
        }
        byte[] bytes = msg.build().toByteArray();
        if (random.nextInt(10) == 0) { // a field again: the later one wins
            byte[] again = PubMsg.newBuilder().setGuid(string(random)).setData(bytes(random, 5)).build().toByteArray();
            byte[] both = Arrays.copyOf(bytes, bytes.length + again.length);
            System.arraycopy(again, 0, both, bytes.length, again.length);
            bytes = both;
        }
        return bytes;
    }

    private static String string(Random random) {
        int length = random.nextInt(random.nextInt(20) == 0 ? 300 : 30);
        StringBuilder s = new StringBuilder();
        boolean ascii = random.nextInt(5) != 0;
        for (int i = 0; i < length; i++) {
            s.append(ascii || random.nextBoolean() ? (char) (random.nextInt(0x80)) : (char) (0x80 + random.nextInt(0xD000)));
        }
        return s.toString();
    }

    private static ByteString bytes(Random random, int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }
}
