package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.protocol.ProtocolErrors;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Behaviours the official Java client's own test suite checks against a server (docs/protocol.md#compatibility-with-the-official-clients). */
@ExtendWith(StanServerExtension.class)
class JavaClientIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void closingTwiceIsHarmless(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("twice");
        sc.close();
        sc.close();
        assertThat(stan.snapshot().clients()).isEmpty();
    }

    @Test
    void twoStreamingConnectionsOnOneNatsConnectionDoNotSeeEachOthersMessages(StanTestServer stan)
            throws Exception {
        Connection nc = stan.natsConnection();
        StreamingConnection one = stan.connect("one", o -> o.natsConn(nc));
        StreamingConnection two = stan.connect("two", o -> o.natsConn(nc));
        List<Message> gotOne = new CopyOnWriteArrayList<>();
        List<Message> gotTwo = new CopyOnWriteArrayList<>();
        one.subscribe("shared", gotOne::add);
        two.subscribe("shared", gotTwo::add);

        one.publish("shared", new byte[] {1});
        two.publish("shared", new byte[] {2});

        await().atMost(WAIT).until(() -> gotOne.size() == 2 && gotTwo.size() == 2);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> gotOne.size() == 2 && gotTwo.size() == 2);
        assertThat(gotOne).extracting(Message::getSequence).containsExactly(1L, 2L);
        assertThat(gotTwo).extracting(Message::getSequence).containsExactly(1L, 2L);
        assertThat(gotOne).allMatch(m -> m.getTimestamp() != 0);
    }

    @Test
    void manualAcksStopRedelivery(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("manual");
        List<Message> got = new CopyOnWriteArrayList<>();
        sc.subscribe("ch", m -> {
            got.add(m);
            try {
                m.ack();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, new SubscriptionOptions.Builder().manualAcks().ackWait(Duration.ofSeconds(1)).build());
        sc.publish("ch", new byte[] {1});

        await().during(Duration.ofMillis(1500)).atMost(WAIT).until(() -> got.size() == 1);
        assertThat(stan.channel("ch").orElseThrow().subscriptions().get(0).pendingCount()).isZero();
    }

    @Test
    void unsubscribeRemovesTheSubscription(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("unsub");
        Subscription sub = sc.subscribe("ch", m -> { });
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).hasSize(1);
        sub.unsubscribe();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).isEmpty();
    }

    @Test
    void noDuplicatesWhenASubscriberStartsWhilePublishing(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("racer");
        int total = 2000;
        CompletableFuture<Void> publishing = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < total; i++) {
                try {
                    sc.publish("race", new byte[] {(byte) i}, (guid, e) -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        await().atMost(WAIT).until(() -> stan.channel("race").map(c -> c.msgs() > 100).orElse(false));
        List<Long> got = new CopyOnWriteArrayList<>();
        sc.subscribe("race", m -> got.add(m.getSequence()),
                new SubscriptionOptions.Builder().deliverAllAvailable().build());

        publishing.get(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() >= total);
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> got.size() == total);
        assertThat(got).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void requestsFailOnceTheServerIsGone(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("orphan", o -> o.connectWait(Duration.ofMillis(500))
                .pubAckWait(Duration.ofMillis(500)));
        Subscription sub = sc.subscribe("ch", m -> { });
        Subscription other = sc.subscribe("ch", m -> { });

        stan.stopStreamingServer();

        // The client reports them as IOException, TimeoutException or (jnats no-responders) CancellationException.
        assertThatThrownBy(() -> sc.subscribe("ch", m -> { },
                new SubscriptionOptions.Builder().subscriptionTimeout(Duration.ofMillis(500)).build()));
        assertThatThrownBy(sub::close);
        assertThatThrownBy(other::unsubscribe);
        assertThatThrownBy(() -> sc.publish("ch", new byte[] {1}));
        assertThatThrownBy(sc::close);
    }

    @Test
    void aConnectionWhoseSessionWasClosedLearnsItFromItsPings(StanTestServer stan) throws Exception {
        CompletableFuture<Exception> lost = new CompletableFuture<>();
        stan.connect("pinged", o -> o.pingInterval(Duration.ofMillis(100)).maxPingsOut(5)
                .connectionLostHandler((conn, e) -> lost.complete(e)));
        assertThat(stan.client("pinged")).isPresent();

        assertThat(stan.raw().close("pinged").getError()).isEmpty();

        assertThat(lost.get(5, TimeUnit.SECONDS)).hasMessageContaining(ProtocolErrors.CLIENT_REPLACED);
    }
}
