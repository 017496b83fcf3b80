package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Durable subscriptions: close keeps them, unsubscribe deletes them. */
@ExtendWith(TestStanExtension.class)
class StanDurableIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final SubscriptionSpec DURABLE = SubscriptionSpec.of("ch").withDurableName("d")
            .starting(StartPosition.FIRST);

    @Test
    void aClosedDurableResumesAfterItsLastAck(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("dur");
        connection.publishSync("ch", new byte[] {1});
        connection.publishSync("ch", new byte[] {2});
        Received first = Received.acking();
        StanSubscription subscription = connection.subscribe(DURABLE, first);
        await().atMost(WAIT).until(() -> first.size() == 2);

        subscription.close();
        connection.publishSync("ch", new byte[] {3});

        assertThat(subscription.isActive()).isFalse();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.offline()).isTrue());
        Received resumed = Received.acking();
        connection.subscribe(DURABLE, resumed);
        await().atMost(WAIT).until(() -> resumed.size() == 1);
        assertThat(resumed.sequences()).containsExactly(3L);
    }

    @Test
    void anUnsubscribedDurableStartsOver(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("dur");
        connection.publishSync("ch", new byte[] {1});
        Received first = Received.acking();
        StanSubscription subscription = connection.subscribe(DURABLE, first);
        await().atMost(WAIT).until(() -> first.size() == 1);

        subscription.unsubscribe();

        assertThat(stan.channel("ch").orElseThrow().subscriptions()).isEmpty();
        Received again = Received.acking();
        connection.subscribe(DURABLE, again);
        await().atMost(WAIT).until(() -> again.size() == 1);
        assertThat(again.sequences()).containsExactly(1L);
    }

    @Test
    void aDurableSurvivesItsConnectionsCloseAndResumesOnANewOne(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("dur");
        Received first = Received.acking();
        connection.subscribe(DURABLE, first);
        connection.publishSync("ch", new byte[] {1});
        await().atMost(WAIT).until(() -> first.size() == 1);
        connection.close();
        StanConnection publisher = stan.connect("pub");
        publisher.publishSync("ch", new byte[] {2});

        StanConnection again = stan.connect("dur");
        Received resumed = Received.acking();
        again.subscribe(DURABLE, resumed);

        await().atMost(WAIT).until(() -> resumed.size() == 1);
        assertThat(resumed.sequences()).containsExactly(2L);
    }

    @Test
    void closingANonDurableRemovesIt(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("plain");
        StanSubscription subscription = connection.subscribe(SubscriptionSpec.of("ch"), Received.acking());

        subscription.close();
        subscription.close();

        assertThat(stan.channel("ch").orElseThrow().subscriptions()).isEmpty();
    }
}
