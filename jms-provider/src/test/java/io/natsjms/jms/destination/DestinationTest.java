package io.natsjms.jms.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationTest {

    @Test
    void topicAndQueueNamesAndEquality() throws Exception {
        NatsChannelTopic topic = new NatsChannelTopic("orders.eu");
        assertThat(topic.getTopicName()).isEqualTo("orders.eu");
        assertThat(topic.startPosition()).isEmpty();
        assertThat(topic).isEqualTo(new NatsChannelTopic("orders.eu")).hasSameHashCodeAs(new NatsChannelTopic("orders.eu"));
        assertThat(topic).isNotEqualTo(new NatsChannelQueue("orders.eu"));
        assertThat(new NatsChannelQueue("work").getQueueName()).isEqualTo("work");
        assertThat(new NatsChannelQueue("work").isQueue()).isTrue();
        assertThat(topic.isQueue()).isFalse();
        assertThat(topic.toString()).isEqualTo("orders.eu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "a/b", "orders.*", "orders.>", ".a"})
    void invalidChannelNamesAreNamed(String name) {
        assertThatThrownBy(() -> new NatsChannelTopic(name)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("\"" + name + "\"");
        assertThatThrownBy(() -> new NatsChannelQueue(name)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("queue");
    }

    @Test
    void nullNameIsInvalid() {
        assertThatThrownBy(() -> new NatsChannelTopic(null)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("null");
    }

    @Test
    void startPositionOptions() throws Exception {
        assertThat(new NatsChannelTopic("o?startPosition=first").startPosition()).contains(StartPositionSpec.first());
        assertThat(new NatsChannelTopic("o?startPosition=last").startPosition()).contains(StartPositionSpec.lastReceived());
        assertThat(new NatsChannelTopic("o?startPosition=last-received").startPosition())
                .contains(StartPositionSpec.lastReceived());
        assertThat(new NatsChannelTopic("o?startPosition=new").startPosition()).contains(StartPositionSpec.newOnly());
        assertThat(new NatsChannelTopic("o?startPosition=new-only").startPosition()).contains(StartPositionSpec.newOnly());
        assertThat(new NatsChannelTopic("o?startPosition=sequence:42").startPosition())
                .contains(StartPositionSpec.atSequence(42));
        assertThat(new NatsChannelQueue("o?startPosition=time:2024-05-01T10:00:00Z").startPosition())
                .contains(StartPositionSpec.atTime(Instant.parse("2024-05-01T10:00:00Z")));
        assertThat(new NatsChannelTopic("o?startPosition=time:PT5M").startPosition())
                .contains(StartPositionSpec.ago(Duration.ofMinutes(5)));
        NatsChannelTopic withOption = new NatsChannelTopic("o?startPosition=sequence:7");
        assertThat(withOption.getTopicName()).isEqualTo("o");
        assertThat(withOption).isNotEqualTo(new NatsChannelTopic("o"));
        assertThat(new NatsChannelTopic(withOption.toString())).isEqualTo(withOption);
    }

    @ParameterizedTest
    @ValueSource(strings = {"o?startPosition=middle", "o?startPosition=sequence:0", "o?startPosition=sequence:x",
            "o?startPosition=time:yesterday", "o?startPosition=time:-PT5M", "o?start=first", "o?startPosition",
            "o?startPosition=first&startPosition=last"})
    void invalidOptionsNameTheValue(String text) {
        assertThatThrownBy(() -> new NatsChannelTopic(text)).isInstanceOf(InvalidDestinationException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(
                        text, text.substring(text.indexOf('=') + 1), "twice", "startPosition"));
    }

    @Test
    void invalidOptionValueIsQuoted() {
        assertThatThrownBy(() -> new NatsChannelTopic("o?startPosition=middle"))
                .hasMessageContaining("\"middle\"").hasMessageContaining("expected");
    }

    @Test
    void temporaryDestinationsDeleteThroughTheirOwner() throws Exception {
        List<NatsTemporaryDestination> deleted = new ArrayList<>();
        NatsTemporaryQueue queue = new NatsTemporaryQueue("_INBOX.q1", deleted::add);
        NatsTemporaryTopic topic = new NatsTemporaryTopic("_INBOX.t1", deleted::add);
        queue.delete();
        topic.delete();
        assertThat(deleted).containsExactly(queue, topic);
        assertThat(queue.getQueueName()).isEqualTo("_INBOX.q1");
        assertThat(queue).isEqualTo(new NatsTemporaryQueue("_INBOX.q1", null));
        assertThat(queue.isTemporary()).isTrue();
        assertThatThrownBy(() -> new NatsTemporaryQueue("_INBOX.q1", null).delete())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("_INBOX.q1");
        assertThatThrownBy(() -> new NatsTemporaryTopic("bad subject", null))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("\"bad subject\"");
    }

    @Test
    void destinationsSerialize() throws Exception {
        NatsChannelTopic topic = new NatsChannelTopic("o?startPosition=time:PT1H");
        NatsTemporaryQueue temp = new NatsTemporaryQueue("_INBOX.z", d -> { });
        assertThat(deserialize(serialize(topic))).isEqualTo(topic);
        NatsTemporaryQueue copy = (NatsTemporaryQueue) deserialize(serialize(temp));
        assertThat(copy).isEqualTo(temp);
        assertThat(copy.hasOwner()).isFalse();
    }

    @Test
    void foreignDestinationsConvertByKindAndName() throws Exception {
        jakarta.jms.Queue foreign = () -> "work";
        assertThat(NatsDestination.from(foreign)).isEqualTo(new NatsChannelQueue("work"));
        jakarta.jms.Topic foreignTopic = () -> "news";
        assertThat(NatsDestination.from(foreignTopic)).isEqualTo(new NatsChannelTopic("news"));
        assertThat(NatsDestination.from(null)).isNull();
        assertThatThrownBy(() -> NatsDestination.from(new jakarta.jms.Destination() { }))
                .isInstanceOf(InvalidDestinationException.class);
    }

    private static byte[] serialize(Object o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] data) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            return in.readObject();
        }
    }
}
