package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.ProtocolErrors;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Subscriptions: start positions, delivered fields, server errors. */
@ExtendWith(TestStanExtension.class)
class SubscribeIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static void publish(StanConnection connection, String channel, int count) throws StanException {
        for (int i = 1; i <= count; i++) {
            connection.publishSync(channel, ("m" + i).getBytes());
        }
    }

    @Test
    void newOnlyGetsOnlyLaterMessagesWithAllTheirFields(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        publish(connection, "ch", 2);
        Received received = Received.acking();
        long before = Instant.now().toEpochMilli();

        connection.subscribe(SubscriptionSpec.of("ch"), received);
        connection.publishSync("ch", "later".getBytes());

        await().atMost(WAIT).until(() -> received.size() == 1);
        StanMessage message = received.messages().get(0);
        assertThat(message.sequence()).isEqualTo(3);
        assertThat(message.channel()).isEqualTo("ch");
        assertThat(new String(message.data())).isEqualTo("later");
        assertThat(message.timestampNanos() / 1_000_000).isBetween(before - 1000, Instant.now().toEpochMilli());
        assertThat(message.redelivered()).isFalse();
        assertThat(message.redeliveryCount()).isZero();
    }

    @Test
    void lastReceivedStartsWithTheLastMessage(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        publish(connection, "ch", 3);
        Received received = Received.acking();

        connection.subscribe(SubscriptionSpec.of("ch").starting(StartPosition.LAST_RECEIVED), received);
        connection.publishSync("ch", new byte[] {4});

        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(received.sequences()).containsExactly(3L, 4L);
    }

    @Test
    void firstReplaysTheWholeChannel(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        publish(connection, "ch", 5);
        Received received = Received.acking();

        connection.subscribe(SubscriptionSpec.of("ch").starting(StartPosition.FIRST), received);

        await().atMost(WAIT).until(() -> received.size() == 5);
        assertThat(received.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(received.messages()).extracting(m -> new String(m.data()))
                .containsExactly("m1", "m2", "m3", "m4", "m5");
    }

    @Test
    void sequenceStartsThere(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        publish(connection, "ch", 5);
        Received received = Received.acking();

        connection.subscribe(SubscriptionSpec.of("ch").startingAtSequence(4), received);

        await().atMost(WAIT).until(() -> received.size() == 2);
        assertThat(received.sequences()).containsExactly(4L, 5L);
    }

    @Test
    void timeStartsAtTheFirstMessageStoredSinceThen(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        publish(connection, "ch", 2);
        Received all = Received.acking();
        connection.subscribe(SubscriptionSpec.of("ch").starting(StartPosition.FIRST), all);
        await().atMost(WAIT).until(() -> all.size() == 2);
        Instant cut = Instant.EPOCH.plusNanos(all.messages().get(1).timestampNanos() + 1);
        publish(connection, "ch", 2);
        Received since = Received.acking();

        connection.subscribe(SubscriptionSpec.of("ch").startingAtTime(cut), since);

        await().atMost(WAIT).until(() -> since.size() == 2);
        assertThat(since.sequences()).containsExactly(3L, 4L);
        Received fromEpoch = Received.acking();
        connection.subscribe(SubscriptionSpec.of("ch").startingAtTime(Instant.EPOCH), fromEpoch);
        await().atMost(WAIT).until(() -> fromEpoch.size() == 4);
    }

    @Test
    void eachSubscriptionIsHandledOnItsOwnThread(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        Received a = Received.acking();
        Received b = Received.acking();
        connection.subscribe(SubscriptionSpec.of("ch"), a);
        connection.subscribe(SubscriptionSpec.of("ch"), b);

        publish(connection, "ch", 3);

        await().atMost(WAIT).until(() -> a.size() == 3 && b.size() == 3);
        assertThat(a.threads()).containsOnly(a.threads().get(0));
        assertThat(b.threads()).containsOnly(b.threads().get(0));
        assertThat(a.threads().get(0)).isNotEqualTo(b.threads().get(0));
    }

    @Test
    void aDuplicateDurableFailsWithTheServersExactString(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        connection.subscribe(SubscriptionSpec.of("ch").withDurableName("d"), Received.acking());

        assertThatThrownBy(() -> connection.subscribe(SubscriptionSpec.of("ch").withDurableName("d"), Received.acking()))
                .isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.SERVER_ERROR);
                    assertThat(e.getMessage()).isEqualTo(ProtocolErrors.DUPLICATE_DURABLE);
                    assertThat(e.serverError()).isEqualTo(ProtocolErrors.DUPLICATE_DURABLE);
                });
    }

    @Test
    void aDurableQueueNameWithAColonFailsWithTheServersExactString(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");

        assertThatThrownBy(() -> connection.subscribe(
                SubscriptionSpec.of("ch").withQueueGroup("g").withDurableName("a:b"), Received.acking()))
                .isInstanceOfSatisfying(StanException.class,
                        e -> assertThat(e.serverError()).isEqualTo(ProtocolErrors.INVALID_DURABLE_QUEUE_NAME));
    }

    @Test
    void aHandlerThatThrowsLeavesTheMessageUnackedAndDeliveryGoesOn(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("sub");
        Received received = Received.acking();
        connection.subscribe(SubscriptionSpec.of("ch"), (subscription, message) -> {
            if (message.sequence() == 1) {
                throw new IllegalStateException("boom");
            }
            received.onMessage(subscription, message);
        });

        publish(connection, "ch", 2);

        await().atMost(WAIT).until(() -> received.size() == 1);
        assertThat(stan.channel("ch").orElseThrow().subscriptions().get(0).pendingCount()).isEqualTo(1);
    }
}
