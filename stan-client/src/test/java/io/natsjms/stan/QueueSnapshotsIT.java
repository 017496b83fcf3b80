package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.Extensions;
import java.time.Duration;
import java.util.Optional;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The browse extension seen from the client: a queue group's position, or nothing from a server without it. */
@ExtendWith(TestStanExtension.class)
class QueueSnapshotsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Acks the even sequences only. */
    private static void ackEven(StanSubscription subscription, StanMessage message) {
        if (message.sequence() % 2 == 0) {
            try {
                subscription.ack(message.sequence());
            } catch (StanException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void reportsWhereTheDurableGroupStands(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("worker");
        for (int i = 0; i < 10; i++) {
            connection.publishSync("work", new byte[] {(byte) i});
        }
        connection.subscribe(SubscriptionSpec.of("work").withQueueGroup("work").withDurableName("natsjms-queue")
                .withMaxInFlight(4).starting(StartPosition.FIRST), QueueSnapshotsIT::ackEven);
        // 2, 4, 6 acked; 1, 3, 5, 7 pending: the member is at its max in flight
        await().atMost(WAIT).until(() -> stan.channel("work").orElseThrow().subscriptions().stream()
                .anyMatch(s -> s.lastSent() == 7 && s.pendingCount() == 4));

        QueueSnapshot snapshot = new QueueSnapshots(connection).take("work", "natsjms-queue", "work").orElseThrow();

        assertThat(snapshot.firstSequence()).isEqualTo(1);
        assertThat(snapshot.lastSequence()).isEqualTo(10);
        assertThat(snapshot.lastSent()).isEqualTo(7);
        assertThat(snapshot.pending()).containsExactly(1L, 3L, 5L, 7L);
        assertThat(LongStream.rangeClosed(1, 10).filter(snapshot::isWaiting).toArray()).containsExactly(1, 3, 5, 7, 8, 9, 10);
    }

    @Test
    void aGroupNobodyJoinedYetHasEverythingWaiting(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("browser");
        connection.publishSync("work", new byte[] {1});
        connection.publishSync("work", new byte[] {2});

        QueueSnapshot snapshot = new QueueSnapshots(connection).take("work", "natsjms-queue", "work").orElseThrow();

        assertThat(snapshot.lastSent()).isZero();
        assertThat(snapshot.pending()).isEmpty();
        assertThat(LongStream.rangeClosed(0, 3).filter(snapshot::isWaiting).toArray()).containsExactly(1, 2);
    }

    @Test
    void anUnknownChannelHasNothingWaiting(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("browser");

        QueueSnapshot snapshot = new QueueSnapshots(connection).take("nothing", "natsjms-queue", "nothing")
                .orElseThrow();

        assertThat(snapshot.lastSequence()).isZero();
        assertThat(snapshot.firstWaiting()).isEmpty();
        assertThat(stan.channel("nothing")).isEmpty();
    }

    @Test
    void aServerWithoutTheExtensionGivesNoSnapshot(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("browser");
        // nobody listens here, as the original server does not listen on the browse subject
        String unserved = Extensions.browseSubject(connection.settings().discoverSubject()) + ".nobody";

        Optional<QueueSnapshot> snapshot = new QueueSnapshots(connection, unserved, Duration.ofMillis(300))
                .take("work", "natsjms-queue", "work");

        assertThat(snapshot).isEmpty();
    }

    @Test
    void aRefusedRequestFailsWithTheServersError(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("browser");

        assertThatThrownBy(() -> new QueueSnapshots(connection).take("work", null, ""))
                .isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.SERVER_ERROR);
                    assertThat(e.serverError()).isEqualTo(Extensions.MISSING_QUEUE_GROUP);
                });
    }

    @Test
    void aClosedConnectionCannotAsk(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("browser");
        QueueSnapshots snapshots = new QueueSnapshots(connection);
        connection.close();

        assertThatThrownBy(() -> snapshots.take("work", "natsjms-queue", "work"))
                .isInstanceOfSatisfying(StanException.class,
                        e -> assertThat(e.kind()).isEqualTo(StanException.Kind.CLOSED));
    }
}
