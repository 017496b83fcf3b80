package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Message;
import io.nats.client.Subscription;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.protocol.pb.UnsubscribeRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Invalid requests get the exact wire errors; request ordering rules (docs/protocol.md#error-strings, #request-ordering). */
@ExtendWith(StanServerExtension.class)
class ProtocolErrorsIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private StanTestServer stan;
    private RawStan raw;

    @BeforeEach
    void connect(StanTestServer stan) {
        this.stan = stan;
        raw = stan.raw();
        raw.connect("me");
    }

    private String subError(SubscriptionRequest.Builder request) {
        return raw.subscribe(request).getError();
    }

    @Test
    void garbageOnEveryRequestSubjectGetsTheInvalidRequestError() {
        assertThat(raw.connectRaw(RawStan.GARBAGE).getError()).isEqualTo(ProtocolErrors.INVALID_CONNECT_REQUEST);
        assertThat(raw.publishRaw("ch", RawStan.GARBAGE).getError()).isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(raw.subscribeRaw(RawStan.GARBAGE).getError())
                .isEqualTo(ProtocolErrors.INVALID_SUBSCRIPTION_REQUEST);
        assertThat(raw.unsubscribeRaw(stan.subjects().unsubscribe(), RawStan.GARBAGE).getError())
                .isEqualTo(ProtocolErrors.INVALID_UNSUBSCRIBE_REQUEST);
        assertThat(raw.unsubscribeRaw(stan.subjects().subClose(), RawStan.GARBAGE).getError())
                .isEqualTo(ProtocolErrors.INVALID_UNSUBSCRIBE_REQUEST);
        assertThat(raw.closeRaw(RawStan.GARBAGE).getError()).isEqualTo(ProtocolErrors.INVALID_CLOSE_REQUEST);
        assertThat(stan.snapshot().clients()).hasSize(1);
    }

    @Test
    void subscriptionRequestsAreValidatedInOrder() {
        SubscriptionRequest.Builder allWrong = SubscriptionRequest.newBuilder().setSubject("foo.*")
                .setInbox(raw.newInbox()).setStartPositionValue(7);
        assertThat(subError(allWrong.clone())).isEqualTo(ProtocolErrors.MISSING_CLIENT_ID);
        assertThat(subError(allWrong.clone().setClientID("nobody"))).isEqualTo(ProtocolErrors.INVALID_ACK_WAIT);
        assertThat(subError(allWrong.clone().setClientID("nobody").setAckWaitInSecs(-1)))
                .isEqualTo(ProtocolErrors.INVALID_ACK_WAIT);
        assertThat(subError(allWrong.clone().setClientID("nobody").setAckWaitInSecs(1)))
                .isEqualTo(ProtocolErrors.INVALID_MAX_IN_FLIGHT);
        assertThat(subError(allWrong.clone().setClientID("nobody").setAckWaitInSecs(1).setMaxInFlight(-5)))
                .isEqualTo(ProtocolErrors.INVALID_MAX_IN_FLIGHT);
        assertThat(subError(allWrong.clone().setClientID("nobody").setAckWaitInSecs(1).setMaxInFlight(1)))
                .isEqualTo(ProtocolErrors.INVALID_START_POSITION);
        assertThat(subError(allWrong.clone().setClientID("nobody").setAckWaitInSecs(1).setMaxInFlight(1)
                .setStartPositionValue(-1))).isEqualTo(ProtocolErrors.INVALID_START_POSITION);
        assertThat(subError(allWrong.clone().setClientID("nobody").setAckWaitInSecs(1).setMaxInFlight(1)
                .setStartPosition(StartPosition.First))).isEqualTo(ProtocolErrors.INVALID_SUBJECT);
        assertThat(subError(raw.subRequest("nobody", "valid"))).isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);
        for (String subject : List.of("foo.>", ">", "*", "foo..bar", ".foo", "foo.", "")) {
            assertThat(subError(raw.subRequest("me", subject))).as("subject \"%s\"", subject)
                    .isEqualTo(ProtocolErrors.INVALID_SUBJECT);
        }
        assertThat(subError(raw.subRequest("me", "ch").setQGroup("g").setDurableName("a:b")))
                .isEqualTo(ProtocolErrors.INVALID_DURABLE_QUEUE_NAME);
        assertThat(subError(raw.subRequest("me", "ch").setDurableName("a:b"))).isEmpty();
        assertThat(stan.snapshot().channels()).extracting(ServerSnapshot.ChannelView::name).containsExactly("ch");
    }

    @Test
    void unsubscribeAndCloseRequestsAreValidated() {
        raw.connect("other");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("me", "ch"));
        for (String subject : List.of(stan.subjects().unsubscribe(), stan.subjects().subClose())) {
            assertThat(unsub(subject, "me", "nochannel", sub.ackInbox())).isEqualTo(ProtocolErrors.UNKNOWN_CHANNEL);
            assertThat(unsub(subject, "me", "ch", "_INBOX.unknown")).isEqualTo(ProtocolErrors.INVALID_SUBSCRIPTION);
            assertThat(unsub(subject, "", "ch", sub.ackInbox())).isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);
            assertThat(unsub(subject, "other", "ch", sub.ackInbox())).isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);
            assertThat(unsub(subject, "stranger", "ch", sub.ackInbox())).isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);
        }
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).hasSize(1);
        assertThat(unsub(stan.subjects().unsubscribe(), "me", "ch", sub.ackInbox())).isEmpty();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).isEmpty();
        assertThat(unsub(stan.subjects().unsubscribe(), "me", "ch", sub.ackInbox()))
                .isEqualTo(ProtocolErrors.INVALID_SUBSCRIPTION);
    }

    private String unsub(String subject, String clientId, String channel, String inbox) {
        return raw.unsubscribeRaw(subject, UnsubscribeRequest.newBuilder().setClientID(clientId).setSubject(channel)
                .setInbox(inbox).build().toByteArray()).getError();
    }

    @Test
    void aSubscriptionCanBeClosedByItsDeliveryInbox() {
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("me", "ch").setDurableName("dur"));
        assertThat(raw.closeSubscription("me", "ch", sub.inbox()).getError()).isEmpty();
        assertThat(stan.channel("ch").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.offline()).isTrue());
    }

    @Test
    void theSubscriptionResponseArrivesBeforeTheFirstMessage() throws Exception {
        raw.publishOk("me", "ch", 50);
        String prefix = "_INBOX.order." + raw.newInbox().substring(7);
        Subscription both = raw.nc.subscribe(prefix + ".>");
        raw.nc.publish(stan.subjects().subscribe(), prefix + ".reply", raw.subRequest("me", "ch")
                .setInbox(prefix + ".deliver").setStartPosition(StartPosition.First).build().toByteArray());

        Message first = both.nextMessage(WAIT);
        assertThat(first.getSubject()).isEqualTo(prefix + ".reply");
        assertThat(SubscriptionResponse.parseFrom(first.getData()).getError()).isEmpty();
        for (long seq = 1; seq <= 50; seq++) {
            Message next = both.nextMessage(WAIT);
            assertThat(next.getSubject()).isEqualTo(prefix + ".deliver");
            assertThat(MsgProto.parseFrom(next.getData()).getSequence()).isEqualTo(seq);
        }
    }

    @Test
    void acksSentBeforeASubscriptionCloseAreProcessedFirst() {
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("me", "ch").setDurableName("dur"));
        raw.publishOk("me", "ch", 100);
        await().atMost(WAIT).until(() -> sub.received().size() == 100);

        for (long seq = 1; seq <= 100; seq++) {
            raw.ack(sub, seq);
        }
        assertThat(raw.closeSubscription("me", "ch", sub.ackInbox()).getError()).isEmpty();

        assertThat(stan.channel("ch").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.pendingCount()).isZero());
    }

    @Test
    void acksSentBeforeAConnectionCloseAreProcessedFirst() {
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("me", "ch").setDurableName("dur"));
        raw.publishOk("me", "ch", 100);
        await().atMost(WAIT).until(() -> sub.received().size() == 100);

        for (long seq = 1; seq <= 100; seq++) {
            raw.ack(sub, seq);
        }
        assertThat(raw.close("me").getError()).isEmpty();

        assertThat(stan.channel("ch").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.pendingCount()).isZero());
    }

    @Test
    void acksForUnknownChannelsOrInboxesAreDropped() {
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("me", "ch"));
        raw.publishOk("me", "ch", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);

        raw.ack(sub.ackInbox(), "nochannel", 1);
        raw.nc.publish(sub.ackInbox(), RawStan.GARBAGE);
        raw.ack(stan.subjects().acks() + ".unknown", "ch", 1);
        raw.publishOk("me", "ch", 1);

        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        assertThat(stan.channel("ch").orElseThrow().subscriptions().get(0).pendingCount()).isEqualTo(2);
        assertThat(stan.snapshot().channels()).hasSize(1);
        raw.nc.publish(sub.ackInbox(), Ack.newBuilder().setSubject("ch").setSequence(1).build().toByteArray());
        await().atMost(WAIT).until(() -> stan.channel("ch").orElseThrow().subscriptions().get(0).pendingCount() == 1);
    }

    @Test
    void channelsDifferingOnlyByCaseCannotCoexist() {
        raw.publishOk("me", "Orders", 1);
        String error = ProtocolErrors.channelCaseClash("orders", "Orders");
        assertThat(raw.publish(raw.pubMsg("me", "orders", "x")).getError()).isEqualTo(error);
        assertThat(subError(raw.subRequest("me", "orders"))).isEqualTo(error);
        assertThat(stan.snapshot().channels()).extracting(ServerSnapshot.ChannelView::name).containsExactly("Orders");
    }
}
