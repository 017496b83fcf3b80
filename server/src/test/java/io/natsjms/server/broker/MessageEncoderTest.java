package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** MSG/HMSG frames as the router writes them, including payloads taken from inside a larger input. */
class MessageEncoderTest {
    private final MessageEncoder encoder = new MessageEncoder();
    private final BrokerSubscription sub = new BrokerSubscription(null, "orders.>", null, "7");

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** A publication whose data sits between other bytes, as when the parser hands out its input. */
    private static Publication publication(String subject, String reply, int headerSize, String data) {
        byte[] input = ascii("xx" + data + "yyy");
        return new Publication().set(PublishedSubject.of(subject), reply == null ? null : ascii(reply),
                headerSize, input, 2, data.length());
    }

    private String encode(Publication pub, boolean receiverHeaders) {
        ByteBuf buf = Unpooled.buffer(4);
        encoder.encode(buf, sub, pub, receiverHeaders);
        return buf.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void writesMsgWithAndWithoutReply() {
        assertThat(encode(publication("orders.new", null, -1, "hello"), true))
                .isEqualTo("MSG orders.new 7 5\r\nhello\r\n");
        assertThat(encode(publication("orders.new", "_INBOX.1", -1, ""), true))
                .isEqualTo("MSG orders.new 7 _INBOX.1 0\r\n\r\n");
    }

    @Test
    void writesHeadersOnlyToReceiversThatSupportThem() {
        String data = "NATS/1.0\r\n\r\nbody";
        assertThat(encode(publication("orders.new", "r", 12, data), true))
                .isEqualTo("HMSG orders.new 7 r 12 16\r\n" + data + "\r\n");
        assertThat(encode(publication("orders.new", "r", 12, data), false))
                .isEqualTo("MSG orders.new 7 r 4\r\nbody\r\n");
    }

    @Test
    void prefixFollowsTheSubjectOfEachMessage() {
        assertThat(encode(publication("orders.a", null, -1, "1"), true)).isEqualTo("MSG orders.a 7 1\r\n1\r\n");
        assertThat(encode(publication("orders.b", null, -1, "2"), true)).isEqualTo("MSG orders.b 7 1\r\n2\r\n");
        assertThat(encode(publication("orders.b", null, -1, "NATS/1.0\r\n\r\n"), true))
                .isEqualTo("MSG orders.b 7 12\r\nNATS/1.0\r\n\r\n\r\n");
        assertThat(encode(publication("orders.b", null, 12, "NATS/1.0\r\n\r\n"), true))
                .isEqualTo("HMSG orders.b 7 12 12\r\nNATS/1.0\r\n\r\n\r\n");
    }

    @Test
    void largePayloadsAndLongSubjectsAreWrittenWhole() {
        char[] filler = new char[100_000];
        Arrays.fill(filler, 'p');
        String payload = new String(filler);
        String subject = "orders." + "s".repeat(3_000);
        assertThat(encode(publication(subject, "r".repeat(2_000), -1, payload), true))
                .isEqualTo("MSG " + subject + " 7 " + "r".repeat(2_000) + " 100000\r\n" + payload + "\r\n");
    }
}
