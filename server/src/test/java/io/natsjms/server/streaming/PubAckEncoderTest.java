package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.PubAck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written PubAck against protobuf's own serialization, byte for byte. */
class PubAckEncoderTest {

    @Test
    void writesWhatProtobufWritesForEveryKindOfGuidAndError() {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("PubAckEncoderTest seed " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String guid = text(random);
            String error = switch (random.nextInt(4)) {
                case 0 -> ProtocolErrors.INVALID_PUBLISH_REQUEST;
                case 1 -> text(random);
                default -> null;
            };
            PubAck.Builder expected = PubAck.newBuilder().setGuid(guid);
            if (error != null) {
                expected.setError(error);
            }
            assertThat(PubAckEncoder.encode(guid, error)).as("seed %d: guid \"%s\", error \"%s\"", seed, guid, error)
                    .isEqualTo(expected.build().toByteArray());
        }
    }

    @Test
    void aNuidAckReadsBack() throws Exception {
        String guid = io.nats.client.NUID.nextGlobal();

        PubAck ack = PubAck.parseFrom(PubAckEncoder.encode(guid, null));

        assertThat(ack.getGuid()).isEqualTo(guid);
        assertThat(ack.getError()).isEmpty();
    }

    /** Empty, ASCII around the one-byte length limit, or with characters of two, three and four bytes. */
    private static String text(Random random) {
        int length = switch (random.nextInt(5)) {
            case 0 -> 0;
            case 1 -> 120 + random.nextInt(16);
            case 2 -> 200 + random.nextInt(300);
            default -> random.nextInt(30);
        };
        boolean ascii = random.nextInt(3) > 0;
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            int kind = ascii ? 0 : random.nextInt(4);
            switch (kind) {
                case 0 -> text.append((char) random.nextInt(0x80));
                case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                case 2 -> text.append((char) (0x800 + random.nextInt(0xD000 - 0x800)));
                default -> text.appendCodePoint(0x10000 + random.nextInt(0x1000));
            }
        }
        return text.toString();
    }
}
