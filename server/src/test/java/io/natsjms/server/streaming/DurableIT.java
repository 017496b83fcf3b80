package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Durable subscriptions: close versus unsubscribe, resume, duplicates, replacement (docs/protocol.md#durable-subscriptions). */
@ExtendWith(StanServerExtension.class)
class DurableIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    @Test
    void closeKeepsThePositionAndUnsubscribeStartsOver(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("durable");
        List<Long> got = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("d").deliverAllAvailable().build();
        for (int i = 0; i < 3; i++) {
            sc.publish("ch", new byte[] {(byte) i});
        }
        Subscription sub = sc.subscribe("ch", m -> got.add(m.getSequence()), options);
        await().atMost(WAIT).until(() -> got.size() == 3);

        sub.close();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.offline()).isTrue());
        sc.publish("ch", new byte[] {4});
        sub = sc.subscribe("ch", m -> got.add(m.getSequence()), options);
        await().atMost(WAIT).until(() -> got.size() == 4);
        assertThat(got).containsExactly(1L, 2L, 3L, 4L);

        sub.unsubscribe();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).isEmpty();
        got.clear();
        sc.subscribe("ch", m -> got.add(m.getSequence()), options);
        await().atMost(WAIT).until(() -> got.size() == 4);
        assertThat(got).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void connectionCloseTakesTheDurableOfflineAndANewConnectionResumesIt(StanTestServer stan) throws Exception {
        List<Long> got = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("d").build();
        StreamingConnection first = stan.connect("durable");
        first.subscribe("ch", m -> got.add(m.getSequence()), options);
        first.publish("ch", new byte[] {1});
        await().atMost(WAIT).until(() -> got.size() == 1);
        first.close();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.offline()).isTrue());

        StreamingConnection second = stan.connect("durable");
        second.publish("ch", new byte[] {2});
        second.subscribe("ch", m -> got.add(m.getSequence()), options);
        await().atMost(WAIT).until(() -> got.size() == 2);
        assertThat(got).containsExactly(1L, 2L);
    }

    @Test
    void resumeRedeliversPendingFirstThenNewAndIgnoresTheStartPosition(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("d");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("d", "ch").setDurableName("dur").setMaxInFlight(10));
        raw.publishOk("d", "ch", 3);
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        raw.ack(sub, 2);
        assertThat(raw.closeSubscription("d", "ch", sub.ackInbox()).getError()).isEmpty();
        raw.publishOk("d", "ch", 2);

        RawStan.Sub resumed = raw.subscribeOk(raw.subRequest("d", "ch").setDurableName("dur").setMaxInFlight(10)
                .setStartPosition(StartPosition.SequenceStart).setStartSequence(1000));

        await().atMost(WAIT).until(() -> resumed.received().size() == 4);
        assertThat(resumed.sequences()).containsExactly(1L, 3L, 4L, 5L);
        assertThat(resumed.received()).extracting(MsgProto::getRedelivered).containsExactly(true, true, false, false);
        assertThat(resumed.ackInbox()).isNotEqualTo(sub.ackInbox());
        assertThat(sub.received()).hasSize(3);
    }

    @Test
    void resumeWithPendingAtMaxInFlightStillDeliversEverything(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("d");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("d", "ch").setDurableName("dur").setMaxInFlight(2));
        raw.publishOk("d", "ch", 5);
        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        raw.closeSubscription("d", "ch", sub.ackInbox());

        RawStan.Sub resumed = raw.subscribeOk(raw.subRequest("d", "ch").setDurableName("dur").setMaxInFlight(2));
        await().atMost(WAIT).until(() -> resumed.received().size() == 2);
        raw.ack(resumed, 1);
        raw.ack(resumed, 2);
        await().atMost(WAIT).until(() -> resumed.received().size() == 4);
        raw.ack(resumed, 3);
        raw.ack(resumed, 4);
        await().atMost(WAIT).until(() -> resumed.received().size() == 5);
        assertThat(resumed.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void anOnlineDurableCannotBeSubscribedTwiceButOtherClientsHaveTheirOwn(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("a");
        raw.connect("b");
        raw.subscribeOk(raw.subRequest("a", "ch").setDurableName("dur"));

        assertThat(raw.subscribe(raw.subRequest("a", "ch").setDurableName("dur")).getError())
                .isEqualTo(ProtocolErrors.DUPLICATE_DURABLE);
        assertThat(raw.subscribe(raw.subRequest("b", "ch").setDurableName("dur")).getError()).isEmpty();
        assertThat(raw.subscribe(raw.subRequest("a", "other").setDurableName("dur")).getError()).isEmpty();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).hasSize(2);
    }

    @Test
    void anOfflineDurableCanOnlyBeResumedByARegisteredClient(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("a");
        raw.subscribeOk(raw.subRequest("a", "ch").setDurableName("dur"));
        raw.close("a");

        assertThat(raw.subscribe(raw.subRequest("a", "ch").setDurableName("dur")).getError())
                .isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);
        raw.connect("a");
        assertThat(raw.subscribe(raw.subRequest("a", "ch").setDurableName("dur")).getError()).isEmpty();
    }

    @Test
    @StanConfig(replaceDurable = true)
    void replaceDurableHandsTheDurableToTheNewSubscriber(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("a");
        RawStan.Sub first = raw.subscribeOk(raw.subRequest("a", "ch").setDurableName("dur"));
        raw.publishOk("a", "ch", 1);
        await().atMost(WAIT).until(() -> first.received().size() == 1);

        RawStan.Sub second = raw.subscribeOk(raw.subRequest("a", "ch").setDurableName("dur"));
        raw.publishOk("a", "ch", 1);

        await().atMost(WAIT).until(() -> second.sequences().contains(2L));
        await().during(QUIET).atMost(WAIT).until(() -> first.received().size() == 1);
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).hasSize(1);
    }

    @Test
    void officialClientDurableResumesAcrossConnections(StanTestServer stan) throws Exception {
        List<Message> got = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("java").manualAcks()
                .deliverAllAvailable().build();
        StreamingConnection first = stan.connect("java-durable");
        first.publish("ch", new byte[] {1});
        first.publish("ch", new byte[] {2});
        first.subscribe("ch", got::add, options);
        await().atMost(WAIT).until(() -> got.size() == 2);
        got.get(0).ack();
        await().atMost(WAIT).until(() -> stan.channel("ch").orElseThrow().subscriptions().get(0).pendingCount() == 1);
        first.close();

        got.clear();
        StreamingConnection second = stan.connect("java-durable");
        second.subscribe("ch", got::add, options);
        await().atMost(WAIT).until(() -> got.size() == 1);
        assertThat(got.get(0).getSequence()).isEqualTo(2L);
        assertThat(got.get(0).isRedelivered()).isTrue();
    }
}
