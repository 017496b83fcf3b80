package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Manual acks and redelivery (ack wait 1 s, the smallest the wire allows). */
@ExtendWith(TestStanExtension.class)
class AckIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final SubscriptionSpec ONE_SECOND = SubscriptionSpec.of("ch").withAckWait(Duration.ofSeconds(1));

    @Test
    void ackedMessagesAreNotRedelivered(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("acker");
        Received received = Received.acking();
        connection.subscribe(ONE_SECOND, received);

        connection.publishSync("ch", new byte[] {1});
        connection.publishSync("ch", new byte[] {2});

        await().atMost(WAIT).until(() -> received.size() == 2);
        await().during(Duration.ofMillis(2500)).atMost(WAIT).until(() -> received.size() == 2);
        assertThat(received.messages()).noneMatch(StanMessage::redelivered);
        assertThat(stan.channel("ch").orElseThrow().subscriptions().get(0).pendingCount()).isZero();
    }

    @Test
    void unackedMessagesAreRedeliveredWithTheFlagAndTheCount(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("forgetful");
        Received received = Received.notAcking();
        connection.subscribe(ONE_SECOND, received);

        connection.publishSync("ch", new byte[] {1});

        await().atMost(WAIT).until(() -> received.size() >= 3);
        assertThat(received.sequences().subList(0, 3)).containsOnly(1L);
        assertThat(received.messages().get(0).redelivered()).isFalse();
        assertThat(received.messages().get(1).redelivered()).isTrue();
        assertThat(received.messages().get(1).redeliveryCount()).isEqualTo(1);
        assertThat(received.messages().get(2).redeliveryCount()).isEqualTo(2);
    }

    @Test
    void anAckAfterARedeliveryStopsFurtherOnes(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("late");
        Received received = Received.notAcking();
        StanSubscription subscription = connection.subscribe(ONE_SECOND, (sub, message) -> {
            received.onMessage(sub, message);
            if (message.redelivered()) {
                ackQuietly(sub, message.sequence());
            }
        });

        connection.publishSync("ch", new byte[] {1});

        await().atMost(WAIT).until(() -> received.size() == 2);
        await().during(Duration.ofMillis(2500)).atMost(WAIT).until(() -> received.size() == 2);
        assertThat(subscription.isActive()).isTrue();
    }

    @Test
    void maxInFlightHoldsBackDeliveryUntilAcks(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("slow");
        Received received = Received.notAcking();
        StanSubscription subscription = connection.subscribe(ONE_SECOND.withAckWait(Duration.ofSeconds(30))
                .withMaxInFlight(2), received);
        for (int i = 0; i < 4; i++) {
            connection.publishSync("ch", new byte[] {(byte) i});
        }
        await().atMost(WAIT).until(() -> received.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> received.size() == 2);

        subscription.ack(1);
        subscription.ack(2);

        await().atMost(WAIT).until(() -> received.size() == 4);
        assertThat(received.sequences()).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void ackingAClosedSubscriptionFails(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("closer");
        StanSubscription subscription = connection.subscribe(SubscriptionSpec.of("ch"), Received.acking());
        subscription.close();

        assertThatThrownBy(() -> subscription.ack(1))
                .isInstanceOfSatisfying(StanException.class, e -> assertThat(e.kind()).isEqualTo(StanException.Kind.CLOSED));
    }

    private static void ackQuietly(StanSubscription subscription, long sequence) {
        try {
            subscription.ack(sequence);
        } catch (StanException e) {
            throw new IllegalStateException(e);
        }
    }
}
