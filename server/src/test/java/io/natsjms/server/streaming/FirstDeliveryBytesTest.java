package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.MsgProto;
import org.junit.jupiter.api.Test;

class FirstDeliveryBytesTest {

    private final FirstDeliveryBytes bytes = new FirstDeliveryBytes();

    private static MsgProto stored(String channel, long sequence, String data) {
        return MsgProto.newBuilder().setSequence(sequence).setSubject(channel).setTimestamp(7)
                .setData(ByteString.copyFromUtf8(data)).build();
    }

    @Test
    void theSameStoredMessageIsSerializedOnce() {
        MsgProto msg = stored("ch", 1, "hello");

        byte[] first = bytes.of(msg);

        assertThat(first).isEqualTo(msg.toByteArray());
        assertThat(bytes.of(msg)).isSameAs(first);
    }

    /** Keyed by instance: an equal message read again (or another channel's same sequence) is serialized anew. */
    @Test
    void anotherInstanceIsSerializedAnew() {
        MsgProto msg = stored("ch", 1, "hello");
        byte[] first = bytes.of(msg);
        MsgProto other = stored("other", 1, "bye");

        assertThat(bytes.of(stored("ch", 1, "hello"))).isNotSameAs(first).isEqualTo(first);
        assertThat(bytes.of(other)).isEqualTo(other.toByteArray());
        assertThat(bytes.of(stored("ch", 1 + FirstDeliveryBytes.SLOTS, "same slot")))
                .isEqualTo(stored("ch", 1 + FirstDeliveryBytes.SLOTS, "same slot").toByteArray());
    }

    @Test
    void largeMessagesAreNotKept() {
        MsgProto large = stored("ch", 2, "x".repeat(FirstDeliveryBytes.MAX_CACHED_SIZE));

        byte[] first = bytes.of(large);

        assertThat(first).isEqualTo(large.toByteArray());
        assertThat(bytes.of(large)).isNotSameAs(first).isEqualTo(first);
    }
}
