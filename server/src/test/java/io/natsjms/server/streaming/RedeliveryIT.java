package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.protocol.pb.MsgProto;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Ack wait redelivery, redelivery counts, MaxInFlight flow control (docs/protocol.md#delivery-acks-and-flow-control, #redelivery). */
@ExtendWith(StanServerExtension.class)
class RedeliveryIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void unackedMessagesComeBackAfterTheAckWaitWithAGrowingCount(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("r");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("r", "ch").setAckWaitInSecs(1));
        raw.publishOk("r", "ch", 1);

        await().atMost(Duration.ofSeconds(6)).until(() -> sub.received().size() == 4);
        assertThat(sub.sequences()).containsOnly(1L);
        assertThat(sub.received()).extracting(MsgProto::getRedelivered).containsExactly(false, true, true, true);
        assertThat(sub.received()).extracting(MsgProto::getRedeliveryCount).containsExactly(0, 1, 2, 3);

        raw.ack(sub, 1);
        await().during(Duration.ofMillis(1300)).atMost(WAIT).until(() -> sub.received().size() == 4);
        assertThat(stan.channel("ch").orElseThrow().subscriptions().get(0).pendingCount()).isZero();
    }

    @Test
    void queueGroupRedeliveryCountsGrowToo(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("r");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("r", "ch").setQGroup("g").setAckWaitInSecs(1));
        raw.publishOk("r", "ch", 1);

        await().atMost(Duration.ofSeconds(5)).until(() -> sub.received().size() == 3);
        assertThat(sub.received()).extracting(MsgProto::getRedeliveryCount).containsExactly(0, 1, 2);
        raw.ack(sub, 1);
    }

    @Test
    void officialClientSeesTheRedeliveredFlagOnlyOnUnackedMessages(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("java-r");
        List<Message> got = new CopyOnWriteArrayList<>();
        sc.subscribe("ch", m -> {
            got.add(m);
            if (m.getSequence() % 2 == 1) {
                ack(m);
            }
        }, new SubscriptionOptions.Builder().manualAcks().ackWait(Duration.ofSeconds(1)).build());
        for (int i = 0; i < 6; i++) {
            sc.publish("ch", new byte[] {(byte) i});
        }

        await().atMost(WAIT).until(() -> got.stream().filter(Message::isRedelivered).count() >= 3);
        assertThat(got.stream().filter(Message::isRedelivered).map(Message::getSequence))
                .allMatch(seq -> seq % 2 == 0);
        assertThat(got.stream().filter(m -> !m.isRedelivered()).map(Message::getSequence))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void officialClientRejectsSubSecondAckWaitWithTheServersError(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("java-r");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> sc.subscribe("ch", m -> { },
                new SubscriptionOptions.Builder().ackWait(Duration.ofMillis(500)).build()))
                .hasMessageContaining("stan: invalid ack wait time, should be >= 1s");
    }

    @Test
    void nothingIsRedeliveredToAClosedSubscription(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("r");
        RawStan.Sub plain = raw.subscribeOk(raw.subRequest("r", "ch").setAckWaitInSecs(1));
        RawStan.Sub durable = raw.subscribeOk(raw.subRequest("r", "ch").setAckWaitInSecs(1).setDurableName("d"));
        raw.publishOk("r", "ch", 1);
        await().atMost(WAIT).until(() -> plain.received().size() == 1 && durable.received().size() == 1);

        assertThat(raw.unsubscribe("r", "ch", plain.ackInbox()).getError()).isEmpty();
        assertThat(raw.closeSubscription("r", "ch", durable.ackInbox()).getError()).isEmpty();

        await().during(Duration.ofMillis(1500)).atMost(WAIT)
                .until(() -> plain.received().size() == 1 && durable.received().size() == 1);
    }

    @Test
    void maxInFlightStallsTheSubscriptionUntilAcksArrive(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("r");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("r", "ch").setMaxInFlight(2));
        raw.publishOk("r", "ch", 5);

        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        await().during(QUIET).atMost(WAIT).until(() -> sub.received().size() == 2);
        assertThat(stan.channel("ch").orElseThrow().subscriptions().get(0).stalled()).isTrue();

        raw.ack(sub, 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        await().during(QUIET).atMost(WAIT).until(() -> sub.received().size() == 3);
        raw.ack(sub, 2);
        raw.ack(sub, 3);
        await().atMost(WAIT).until(() -> sub.received().size() == 5);
        assertThat(sub.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(sub.received()).noneMatch(MsgProto::getRedelivered);
    }

    @Test
    void redeliveriesIgnoreMaxInFlight(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("r");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("r", "ch").setMaxInFlight(1).setAckWaitInSecs(1));
        raw.publishOk("r", "ch", 3);

        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        assertThat(sub.sequences()).containsExactly(1L, 1L);
        raw.ack(sub, 1);
        await().atMost(WAIT).until(() -> sub.sequences().contains(2L));
        raw.ack(sub, 2);
        await().atMost(WAIT).until(() -> sub.sequences().contains(3L));
    }

    @Test
    void officialClientFlowControlDeliversEverything(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("java-fc");
        List<Long> got = new CopyOnWriteArrayList<>();
        sc.subscribe("ch", m -> got.add(m.getSequence()), new SubscriptionOptions.Builder().maxInFlight(25).build());
        for (int i = 0; i < 500; i++) {
            sc.publish("ch", new byte[] {(byte) i}, (guid, e) -> { });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> got.size() == 500);
        assertThat(got).isSorted().doesNotHaveDuplicates();
    }

    private static void ack(Message message) {
        try {
            message.ack();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
