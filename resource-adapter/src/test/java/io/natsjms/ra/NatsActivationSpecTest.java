package io.natsjms.ra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** validate() types the activation properties and names each bad one with its value. */
class NatsActivationSpecTest {

    private static NatsActivationSpec spec(Consumer<NatsActivationSpec> setup) {
        NatsActivationSpec spec = new NatsActivationSpec();
        spec.setDestination("orders");
        setup.accept(spec);
        return spec;
    }

    @Test
    void defaults() throws Exception {
        ActivationConfig config = ActivationConfig.of(spec(s -> { }));

        assertThat(config.destination()).isEqualTo("orders");
        assertThat(config.type()).isNull();
        assertThat(config.durable()).isFalse();
        assertThat(config.acknowledgeMode()).isEqualTo(AcknowledgeMode.AUTO);
        assertThat(config.maxSession()).isEqualTo(1);
        assertThat(config.maxRedeliveries()).isEqualTo(5);
        assertThat(config.maxInFlight()).isNull();
        assertThat(config.ackWait()).isNull();
        assertThat(config.deadLetterChannel()).isNull();
        assertThat(config.reconnectInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void typesEveryProperty() throws Exception {
        ActivationConfig config = ActivationConfig.of(spec(s -> {
            s.setDestinationType("jakarta.jms.Queue");
            s.setSubscriptionDurability("Durable");
            s.setSubscriptionName("billing");
            s.setClientId("app");
            s.setMessageSelector("a = 1");
            s.setAcknowledgeMode("Dups-ok-acknowledge");
            s.setMaxSession(4);
            s.setStartPosition("sequence:10");
            s.setMaxInFlight(16);
            s.setAckWait(60);
            s.setMaxRedeliveries(-1);
            s.setDeadLetterChannel("orders.dlq");
            s.setReconnectInterval(250L);
        }));

        assertThat(config.type()).isEqualTo(DestinationType.QUEUE);
        assertThat(config.durable()).isTrue();
        assertThat(config.subscriptionName()).isEqualTo("billing");
        assertThat(config.clientId()).isEqualTo("app");
        assertThat(config.selector()).isEqualTo("a = 1");
        assertThat(config.acknowledgeMode()).isEqualTo(AcknowledgeMode.DUPS_OK);
        assertThat(config.maxSession()).isEqualTo(4);
        assertThat(config.startPosition()).isEqualTo("sequence:10");
        assertThat(config.maxInFlight()).isEqualTo(16);
        assertThat(config.ackWait()).isEqualTo(60);
        assertThat(config.maxRedeliveries()).isEqualTo(-1);
        assertThat(config.exhausted(1000)).isFalse();
        assertThat(config.deadLetterChannel()).isEqualTo("orders.dlq");
        assertThat(config.reconnectInterval()).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @CsvSource({"Topic,TOPIC", "javax.jms.Queue,QUEUE", "jakarta.jms.topic,TOPIC", "QUEUE,QUEUE"})
    void acceptsTheUsualSpellingsOfDestinationType(String text, DestinationType expected) {
        assertThat(DestinationType.parse(text)).isEqualTo(expected);
    }

    @Test
    void countsRedeliveries() throws Exception {
        ActivationConfig config = ActivationConfig.of(spec(s -> s.setMaxRedeliveries(2)));

        assertThat(config.exhausted(2)).isFalse();
        assertThat(config.exhausted(3)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no destination       | destination: null (expected: a channel name in destination",
        "destinationType      | destinationType: \"jakarta.jms.Stream\" (expected: jakarta.jms.Topic or jakarta.jms.Queue)",
        "durability           | subscriptionDurability: \"Forever\" (expected: Durable or NonDurable)",
        "durable without name | subscriptionName: null (expected: a name",
        "acknowledgeMode      | acknowledgeMode: \"Client-acknowledge\" (expected: Auto-acknowledge or Dups-ok-acknowledge)",
        "maxSession           | maxSession: 0 (expected: >= 1)",
        "maxInFlight          | maxInFlight: 0 (expected: >= 1)",
        "ackWait              | ackWait: 0 (expected: >= 1)",
        "maxRedeliveries      | maxRedeliveries: -2 (expected: >= -1)",
        "startPosition        | startPosition: \"yesterday\" (expected: new, last, first, sequence:N or time:",
        "two start positions  | startPosition: \"first\" while destination \"orders?startPosition=last\" has options",
        "channel name         | destination: topic \"orders..x\"",
        "deadLetterChannel    | deadLetterChannel: topic \"dead.*\"",
        "reconnectInterval    | reconnectInterval: 0 (expected: >= 1 millisecond)",
        "connection override  | connectTimeout",
    })
    void namesTheBadPropertyAndItsValue(String problem, String message) {
        NatsActivationSpec spec = spec(s -> breakIt(s, problem.trim()));

        assertThatThrownBy(spec::validate).isInstanceOf(InvalidPropertyException.class).hasMessageContaining(message.trim());
    }

    private static void breakIt(NatsActivationSpec spec, String problem) {
        switch (problem) {
            case "no destination" -> spec.setDestination(" ");
            case "destinationType" -> spec.setDestinationType("jakarta.jms.Stream");
            case "durability" -> spec.setSubscriptionDurability("Forever");
            case "durable without name" -> spec.setSubscriptionDurability("Durable");
            case "acknowledgeMode" -> spec.setAcknowledgeMode("Client-acknowledge");
            case "maxSession" -> spec.setMaxSession(0);
            case "maxInFlight" -> spec.setMaxInFlight(0);
            case "ackWait" -> spec.setAckWait(0);
            case "maxRedeliveries" -> spec.setMaxRedeliveries(-2);
            case "startPosition" -> spec.setStartPosition("yesterday");
            case "two start positions" -> {
                spec.setDestination("orders?startPosition=last");
                spec.setStartPosition("first");
            }
            case "channel name" -> spec.setDestination("orders..x");
            case "deadLetterChannel" -> spec.setDeadLetterChannel("dead.*");
            case "reconnectInterval" -> spec.setReconnectInterval(0L);
            case "connection override" -> spec.setConnectTimeout("soon");
            default -> throw new IllegalArgumentException(problem);
        }
    }
}
