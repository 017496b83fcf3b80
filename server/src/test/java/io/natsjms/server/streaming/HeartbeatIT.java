package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.StreamingConnection;
import io.natsjms.protocol.pb.MsgProto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Server-to-client heartbeats with small settings (docs/protocol.md#heartbeats-and-client-pings). */
@ExtendWith(StanServerExtension.class)
@StanConfig(hbIntervalMillis = 100, hbTimeoutMillis = 250, hbFailCount = 2)
class HeartbeatIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void aClientThatStopsAnsweringIsClosedWithItsNonDurableSubscriptions(StanTestServer stan) {
        RawStan raw = stan.raw();
        RawStan.Client client = raw.connect("mute");
        raw.subscribeOk(raw.subRequest("mute", "ch"));
        raw.subscribeOk(raw.subRequest("mute", "ch").setDurableName("dur"));
        raw.subscribeOk(raw.subRequest("mute", "ch").setQGroup("g"));
        raw.subscribeOk(raw.subRequest("mute", "ch").setQGroup("g").setDurableName("dq"));
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> stan.client("mute").isPresent());

        client.alive().set(false);

        await().atMost(WAIT).until(() -> stan.client("mute").isEmpty());
        assertThat(stan.channel("ch").orElseThrow().subscriptions())
                .allSatisfy(s -> assertThat(s.offline()).isTrue())
                .extracting(ServerSnapshot.SubscriptionView::durableName)
                .containsExactlyInAnyOrder("dur", "dq");
        assertThat(raw.ping(client.connId()).getError()).isNotEmpty();
    }

    @Test
    void aQueueMemberOfADeadClientHandsItsPendingMessagesOver(StanTestServer stan) {
        RawStan raw = stan.raw();
        RawStan.Client dying = raw.connect("dying");
        raw.connect("alive");
        RawStan.Sub doomed = raw.subscribeOk(raw.subRequest("dying", "ch").setQGroup("g"));
        RawStan.Sub survivor = raw.subscribeOk(raw.subRequest("alive", "ch").setQGroup("g"));
        raw.publishOk("alive", "ch", 6);
        await().atMost(WAIT).until(() -> doomed.received().size() + survivor.received().size() == 6);

        raw.kill(dying);

        await().atMost(WAIT).until(() -> survivor.received().size() == 6);
        assertThat(survivor.sequences()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(survivor.received().stream().filter(MsgProto::getRedelivered).map(MsgProto::getSequence))
                .containsExactlyInAnyOrderElementsOf(doomed.sequences());
    }

    @Test
    void anAnsweringClientStaysEvenWhileItsMessageHandlerBlocks(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("blocking");
        CountDownLatch release = new CountDownLatch(1);
        List<Long> got = new CopyOnWriteArrayList<>();
        sc.subscribe("ch", m -> {
            got.add(m.getSequence());
            block(release);
        });
        sc.publish("ch", new byte[] {1});
        await().atMost(WAIT).until(() -> got.size() == 1);

        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> stan.client("blocking").isPresent());
        release.countDown();
        sc.publish("ch", new byte[] {2});
        await().atMost(WAIT).until(() -> got.size() == 2);
    }

    private static void block(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
