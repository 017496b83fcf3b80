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
        StanTopic topic = new StanTopic("orders.eu");
        assertThat(topic.getTopicName()).isEqualTo("orders.eu");
        assertThat(topic.startPosition()).isEmpty();
        assertThat(topic).isEqualTo(new StanTopic("orders.eu")).hasSameHashCodeAs(new StanTopic("orders.eu"));
        assertThat(topic).isNotEqualTo(new StanQueue("orders.eu"));
        assertThat(new StanQueue("work").getQueueName()).isEqualTo("work");
        assertThat(new StanQueue("work").isQueue()).isTrue();
        assertThat(topic.isQueue()).isFalse();
        assertThat(topic.toString()).isEqualTo("orders.eu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a..b", "a/b", "orders.*", "orders.>", ".a"})
    void invalidChannelNamesAreNamed(String name) {
        assertThatThrownBy(() -> new StanTopic(name)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("\"" + name + "\"");
        assertThatThrownBy(() -> new StanQueue(name)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("queue");
    }

    @Test
    void nullNameIsInvalid() {
        assertThatThrownBy(() -> new StanTopic(null)).isInstanceOf(InvalidDestinationException.class)
                .hasMessageContaining("null");
    }

    @Test
    void startPositionOptions() throws Exception {
        assertThat(new StanTopic("o?startPosition=first").startPosition()).contains(StartPositionSpec.first());
        assertThat(new StanTopic("o?startPosition=last").startPosition()).contains(StartPositionSpec.lastReceived());
        assertThat(new StanTopic("o?startPosition=last-received").startPosition())
                .contains(StartPositionSpec.lastReceived());
        assertThat(new StanTopic("o?startPosition=new").startPosition()).contains(StartPositionSpec.newOnly());
        assertThat(new StanTopic("o?startPosition=new-only").startPosition()).contains(StartPositionSpec.newOnly());
        assertThat(new StanTopic("o?startPosition=sequence:42").startPosition())
                .contains(StartPositionSpec.atSequence(42));
        assertThat(new StanQueue("o?startPosition=time:2024-05-01T10:00:00Z").startPosition())
                .contains(StartPositionSpec.atTime(Instant.parse("2024-05-01T10:00:00Z")));
        assertThat(new StanTopic("o?startPosition=time:PT5M").startPosition())
                .contains(StartPositionSpec.ago(Duration.ofMinutes(5)));
        StanTopic withOption = new StanTopic("o?startPosition=sequence:7");
        assertThat(withOption.getTopicName()).isEqualTo("o");
        assertThat(withOption).isNotEqualTo(new StanTopic("o"));
        assertThat(new StanTopic(withOption.toString())).isEqualTo(withOption);
    }

    @ParameterizedTest
    @ValueSource(strings = {"o?startPosition=middle", "o?startPosition=sequence:0", "o?startPosition=sequence:x",
            "o?startPosition=time:yesterday", "o?startPosition=time:-PT5M", "o?start=first", "o?startPosition",
            "o?startPosition=first&startPosition=last"})
    void invalidOptionsNameTheValue(String text) {
        assertThatThrownBy(() -> new StanTopic(text)).isInstanceOf(InvalidDestinationException.class)
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf(
                        text, text.substring(text.indexOf('=') + 1), "twice", "startPosition"));
    }

    @Test
    void invalidOptionValueIsQuoted() {
        assertThatThrownBy(() -> new StanTopic("o?startPosition=middle"))
                .hasMessageContaining("\"middle\"").hasMessageContaining("expected");
    }

    @Test
    void temporaryDestinationsDeleteThroughTheirOwner() throws Exception {
        List<StanTemporaryDestination> deleted = new ArrayList<>();
        StanTemporaryQueue queue = new StanTemporaryQueue("_INBOX.q1", deleted::add);
        StanTemporaryTopic topic = new StanTemporaryTopic("_INBOX.t1", deleted::add);
        queue.delete();
        topic.delete();
        assertThat(deleted).containsExactly(queue, topic);
        assertThat(queue.getQueueName()).isEqualTo("_INBOX.q1");
        assertThat(queue).isEqualTo(new StanTemporaryQueue("_INBOX.q1", null));
        assertThat(queue.isTemporary()).isTrue();
        assertThatThrownBy(() -> new StanTemporaryQueue("_INBOX.q1", null).delete())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("_INBOX.q1");
        assertThatThrownBy(() -> new StanTemporaryTopic("bad subject", null))
                .isInstanceOf(InvalidDestinationException.class).hasMessageContaining("\"bad subject\"");
    }

    @Test
    void destinationsSerialize() throws Exception {
        StanTopic topic = new StanTopic("o?startPosition=time:PT1H");
        StanTemporaryQueue temp = new StanTemporaryQueue("_INBOX.z", d -> { });
        assertThat(deserialize(serialize(topic))).isEqualTo(topic);
        StanTemporaryQueue copy = (StanTemporaryQueue) deserialize(serialize(temp));
        assertThat(copy).isEqualTo(temp);
        assertThat(copy.hasOwner()).isFalse();
    }

    @Test
    void foreignDestinationsConvertByKindAndName() throws Exception {
        jakarta.jms.Queue foreign = () -> "work";
        assertThat(StanDestination.from(foreign)).isEqualTo(new StanQueue("work"));
        jakarta.jms.Topic foreignTopic = () -> "news";
        assertThat(StanDestination.from(foreignTopic)).isEqualTo(new StanTopic("news"));
        assertThat(StanDestination.from(null)).isNull();
        assertThatThrownBy(() -> StanDestination.from(new jakarta.jms.Destination() { }))
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
