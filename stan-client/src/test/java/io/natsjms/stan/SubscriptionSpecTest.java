package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.protocol.pb.SubscriptionRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SubscriptionSpecTest {

    @Test
    void defaultsMatchTheOfficialClients() {
        SubscriptionSpec spec = SubscriptionSpec.of("ch");

        assertThat(spec.maxInFlight()).isEqualTo(1024);
        assertThat(spec.ackWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(spec.startPosition()).isEqualTo(StartPosition.NEW_ONLY);
        assertThat(spec.queueGroup()).isNull();
        assertThat(spec.durableName()).isNull();
    }

    @Test
    void theRequestCarriesEveryField() {
        SubscriptionRequest request = SubscriptionSpec.of("ch").withQueueGroup("g").withDurableName("d")
                .withMaxInFlight(7).withAckWait(Duration.ofSeconds(3)).startingAtSequence(42)
                .toRequest("me", "_INBOX.x", Instant.now());

        assertThat(request.getClientID()).isEqualTo("me");
        assertThat(request.getSubject()).isEqualTo("ch");
        assertThat(request.getInbox()).isEqualTo("_INBOX.x");
        assertThat(request.getQGroup()).isEqualTo("g");
        assertThat(request.getDurableName()).isEqualTo("d");
        assertThat(request.getMaxInFlight()).isEqualTo(7);
        assertThat(request.getAckWaitInSecs()).isEqualTo(3);
        assertThat(request.getStartPosition()).isEqualTo(io.natsjms.protocol.pb.StartPosition.SequenceStart);
        assertThat(request.getStartSequence()).isEqualTo(42);
    }

    @Test
    void aStartTimeBecomesTheDeltaToNow() {
        Instant now = Instant.parse("2026-01-01T00:00:10Z");

        SubscriptionRequest request = SubscriptionSpec.of("ch").startingAtTime(now.minusSeconds(10))
                .toRequest("me", "_INBOX.x", now);

        assertThat(request.getStartPosition()).isEqualTo(io.natsjms.protocol.pb.StartPosition.TimeDeltaStart);
        assertThat(request.getStartTimeDelta()).isEqualTo(10_000_000_000L);
        assertThat(SubscriptionSpec.of("ch").startingAtTime(Instant.MIN).toRequest("me", "i", now).getStartTimeDelta())
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void positionsMapToTheWireEnum() {
        Instant now = Instant.now();
        assertThat(SubscriptionSpec.of("ch").starting(StartPosition.FIRST).toRequest("me", "i", now).getStartPosition())
                .isEqualTo(io.natsjms.protocol.pb.StartPosition.First);
        assertThat(SubscriptionSpec.of("ch").starting(StartPosition.LAST_RECEIVED).toRequest("me", "i", now)
                .getStartPosition()).isEqualTo(io.natsjms.protocol.pb.StartPosition.LastReceived);
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> SubscriptionSpec.of("ch").withMaxInFlight(0)).hasMessage("maxInFlight: 0 (expected: >= 1)");
        assertThatThrownBy(() -> SubscriptionSpec.of("ch").withAckWait(Duration.ofMillis(500)))
                .hasMessage("ackWait: PT0.5S (expected: whole seconds, >= 1s)");
        assertThatThrownBy(() -> SubscriptionSpec.of("ch").startingAtSequence(0))
                .hasMessage("startSequence: 0 (expected: >= 1 with SEQUENCE)");
        assertThatThrownBy(() -> SubscriptionSpec.of("ch").starting(StartPosition.TIME))
                .hasMessageStartingWith("startTime: null (expected: a time exactly when the start position is TIME");
        assertThatThrownBy(() -> SubscriptionSpec.of("a.*")).hasMessageStartingWith("channel: \"a.*\"");
    }

    @Test
    void emptyGroupAndDurableNamesMeanNone() {
        SubscriptionSpec spec = SubscriptionSpec.of("ch").withQueueGroup("").withDurableName("");

        assertThat(spec.queueGroup()).isNull();
        assertThat(spec.durableName()).isNull();
    }

    @Test
    void aSelectorNeedsAQueueGroupAndABlankOneIsNone() {
        assertThat(SubscriptionSpec.of("ch").withQueueGroup("g").withSelector("a = 1").selector()).isEqualTo("a = 1");
        assertThat(SubscriptionSpec.of("ch").withQueueGroup("g").withSelector(" ").selector()).isNull();
        assertThat(SubscriptionSpec.of("ch").withQueueGroup("g").withSelector("a = 1").starting(StartPosition.FIRST)
                .selector()).as("kept by the other with-methods").isEqualTo("a = 1");
        assertThatThrownBy(() -> SubscriptionSpec.of("ch").withSelector("a = 1"))
                .hasMessage("selector: \"a = 1\" on channel \"ch\" without a queue group"
                        + " (expected: a server-side selector only for a queue member)");
    }
}
