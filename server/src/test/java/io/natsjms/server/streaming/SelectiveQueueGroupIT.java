package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.envelope.BodyType;
import io.natsjms.protocol.envelope.Envelope;
import io.natsjms.protocol.envelope.EnvelopeFormat;
import io.natsjms.protocol.envelope.Headers;
import io.natsjms.protocol.envelope.NamedValue;
import io.natsjms.protocol.envelope.TypedValue;
import io.natsjms.protocol.ext.BrowseRequest;
import io.natsjms.protocol.ext.BrowseResponse;
import io.natsjms.protocol.ext.SelectiveSubscriptionRequest;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The selective subscription extension (docs/protocol.md#selective-queue-subscriptions): the server
 * gives a queue member only what its selector selects, parks what no member can take, and keeps the
 * parked messages across member changes and restarts.
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class SelectiveQueueGroupIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final String CHANNEL = "orders";
    private static final String GROUP = "orders";
    private static final String DURABLE = "natsjms-queue";

    private StanTestServer stan;
    private RawStan raw;

    @BeforeEach
    void connect(StanTestServer stan) {
        this.stan = stan;
        raw = stan.raw();
        raw.connect("p");
        raw.connect("red");
        raw.connect("blue");
        raw.connect("any");
    }

    /** A JMS text message with the property color, framed as the provider frames it. */
    private static byte[] envelope(String color) {
        return EnvelopeFormat.frame(Envelope.newBuilder().setBodyType(BodyType.BODY_TYPE_TEXT).setText(color)
                .setHeaders(Headers.newBuilder().setDeliveryMode(2).setPriority(4))
                .addProperties(NamedValue.newBuilder().setName("color")
                        .setValue(TypedValue.newBuilder().setStringValue(color)))
                .build());
    }

    private void publish(String... colors) {
        for (String color : colors) {
            PubAck ack = raw.publish(raw.pubMsg("p", CHANNEL, "").setData(ByteString.copyFrom(envelope(color))));
            assertThat(ack.getError()).isEmpty();
        }
    }

    private SubscriptionRequest.Builder member(String client) {
        return raw.subRequest(client, CHANNEL).setQGroup(GROUP).setDurableName(DURABLE)
                .setStartPosition(StartPosition.First);
    }

    private SubscriptionResponse selectiveRaw(SubscriptionRequest.Builder request, String selector) {
        try {
            return SubscriptionResponse.parseFrom(raw.request(Extensions.subscribeSubject(stan.subjects()),
                    SelectiveSubscriptionRequest.newBuilder().setRequest(request).setSelector(selector).build()
                            .toByteArray()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    private RawStan.Sub selective(SubscriptionRequest.Builder request, String selector) {
        List<MsgProto> received = raw.listen(request.getInbox());
        SubscriptionResponse response = selectiveRaw(request, selector);
        assertThat(response.getError()).isEmpty();
        return new RawStan.Sub(CHANNEL, request.getInbox(), response.getAckInbox(), received);
    }

    private static List<String> colors(RawStan.Sub sub) {
        return sub.received().stream().map(m -> EnvelopeFormat.unframe(m.getData().toByteArray()).getText()).toList();
    }

    private BrowseResponse browse() {
        try {
            return BrowseResponse.parseFrom(raw.request(Extensions.browseSubject(stan.subjects()),
                    BrowseRequest.newBuilder().setClientID("any").setChannel(CHANNEL).setDurableName(DURABLE)
                            .setQGroup(GROUP).build().toByteArray()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void eachMemberGetsOnlyWhatItsSelectorSelects() {
        RawStan.Sub red = selective(member("red"), "color = 'red'");
        RawStan.Sub blue = selective(member("blue"), "color = 'blue'");
        publish("red", "blue", "blue", "red", "red", "blue");

        await().atMost(WAIT).until(() -> red.received().size() == 3 && blue.received().size() == 3);
        assertThat(colors(red)).containsOnly("red");
        assertThat(colors(blue)).containsOnly("blue");
        assertThat(red.sequences()).containsExactly(1L, 4L, 5L);
    }

    @Test
    void aMessageNoMemberSelectsWaitsForOneThatDoes() {
        RawStan.Sub red = selective(member("red"), "color = 'red'");
        publish("green", "red");
        await().atMost(WAIT).until(() -> red.received().size() == 1);
        assertThat(red.sequences()).containsExactly(2L);
        assertThat(browse().getPendingList()).containsExactly(1L, 2L);

        raw.ack(red, 2);
        await().atMost(WAIT).until(() -> browse().getPendingList().equals(List.of(1L)));

        RawStan.Sub any = selective(member("any"), "");
        await().atMost(WAIT).until(() -> any.received().size() == 1);
        assertThat(any.sequences()).containsExactly(1L);
        assertThat(any.received().get(0).getRedelivered()).isFalse();
        await().during(QUIET).atMost(WAIT).until(() -> red.received().size() == 1);
    }

    @Test
    void aPlainStanMemberTakesParkedMessagesToo() {
        selective(member("red"), "color = 'red'");
        publish("green");
        await().atMost(WAIT).until(() -> browse().getPendingList().equals(List.of(1L)));

        RawStan.Sub plain = raw.subscribeOk(member("any"));
        await().atMost(WAIT).until(() -> plain.received().size() == 1);
        assertThat(plain.sequences()).containsExactly(1L);
    }

    @Test
    void aStalledMemberHoldsUpNobodyAndGetsItsMessagesOnceItHasRoom() {
        RawStan.Sub red = selective(member("red").setMaxInFlight(1), "color = 'red'");
        RawStan.Sub blue = selective(member("blue"), "color = 'blue'");
        publish("red", "red", "blue", "red", "blue");

        await().atMost(WAIT).until(() -> blue.received().size() == 2);
        assertThat(red.sequences()).containsExactly(1L);
        raw.ack(red, 1);
        await().atMost(WAIT).until(() -> red.received().size() == 2);
        assertThat(red.sequences()).containsExactly(1L, 2L);
        raw.ack(red, 2);
        await().atMost(WAIT).until(() -> red.received().size() == 3);
        assertThat(red.sequences()).containsExactly(1L, 2L, 4L);
    }

    @Test
    void pendingMessagesOfALeavingMemberThatNobodySelectsAreParkedAndComeAgainRedelivered() {
        RawStan.Sub red = selective(member("red"), "color = 'red'");
        RawStan.Sub blue = selective(member("blue"), "color = 'blue'");
        publish("red");
        await().atMost(WAIT).until(() -> red.received().size() == 1);

        assertThat(raw.closeSubscription("red", CHANNEL, red.ackInbox()).getError()).isEmpty();
        await().atMost(WAIT).until(() -> browse().getPendingList().equals(List.of(1L)));
        await().during(QUIET).atMost(WAIT).until(() -> blue.received().isEmpty());

        RawStan.Sub red2 = selective(member("red"), "color = 'red'");
        await().atMost(WAIT).until(() -> red2.received().size() == 1);
        assertThat(red2.received().get(0).getRedelivered()).isTrue();
        assertThat(red2.received().get(0).getRedeliveryCount()).isEqualTo(1);
    }

    @Test
    void parkedMessagesSurviveARestart() throws Exception {
        RawStan.Sub red = selective(member("red"), "color = 'red'");
        publish("green", "red", "green");
        await().atMost(WAIT).until(() -> red.received().size() == 1);
        raw.ack(red, 2);
        await().atMost(WAIT).until(() -> browse().getPendingList().equals(List.of(1L, 3L)));

        stan.restartStreamingServer();

        await().atMost(WAIT).until(() -> browse().getPendingList().equals(List.of(1L, 3L)));
        publish("red", "green");
        await().atMost(WAIT).until(() -> red.received().size() == 2);
        assertThat(red.sequences()).containsExactly(2L, 4L);

        RawStan.Sub any = selective(member("any"), "color = 'green'");
        await().atMost(WAIT).until(() -> any.received().size() == 3);
        assertThat(any.sequences()).containsExactly(1L, 3L, 5L);
        assertThat(red.received()).hasSize(2);
    }

    @Test
    @StanConfig(persistent = true, maxMsgs = 2)
    void aParkedMessageThatLimitsDroppedIsLetGo() {
        RawStan.Sub red = selective(member("red"), "color = 'red'");
        publish("green", "green");
        await().atMost(WAIT).until(() -> browse().getPendingList().equals(List.of(1L, 2L)));
        publish("red");
        await().atMost(WAIT).until(() -> red.received().size() == 1);
        assertThat(browse().getFirstSequence()).isEqualTo(2);

        RawStan.Sub green = selective(member("any"), "color = 'green'");
        await().atMost(WAIT).until(() -> green.received().size() == 1);
        assertThat(green.sequences()).containsExactly(2L);
        raw.ack(green, 2);
        raw.ack(red, 3);
        await().atMost(WAIT).until(() -> browse().getPendingList().isEmpty());
    }

    @Test
    void theFirstMemberOfADurableGroupTakesOverTheShadowWithItsOwnSelector() {
        RawStan.Sub any = selective(member("any"), "");
        publish("green", "red");
        await().atMost(WAIT).until(() -> any.received().size() == 2);
        assertThat(raw.closeSubscription("any", CHANNEL, any.ackInbox()).getError()).isEmpty();

        RawStan.Sub red = selective(member("red"), "color = 'red'");
        await().atMost(WAIT).until(() -> red.received().size() == 1);
        assertThat(red.sequences()).containsExactly(2L);
        await().atMost(WAIT).until(() -> browse().getPendingList().equals(List.of(1L, 2L)));
    }

    @Test
    void badSelectiveRequestsAreRefused() {
        assertThat(selectiveRaw(member("red"), "color = ").getError()).startsWith(Extensions.INVALID_SELECTOR + ": \"color = \"");
        assertThat(selectiveRaw(raw.subRequest("red", CHANNEL), "color = 'red'").getError())
                .isEqualTo(Extensions.SELECTOR_NEEDS_QUEUE_GROUP);
        assertThat(responseOf(raw.request(Extensions.subscribeSubject(stan.subjects()), RawStan.GARBAGE))
                .getError()).isEqualTo(Extensions.INVALID_SELECTIVE_SUBSCRIPTION);
        assertThat(selectiveRaw(member("nobody"), "color = 'red'").getError()).isEqualTo("stan: unknown clientID");
    }

    private static SubscriptionResponse responseOf(byte[] data) {
        try {
            return SubscriptionResponse.parseFrom(data);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }
}
