package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ext.BrowseRequest;
import io.natsjms.protocol.ext.BrowseResponse;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The browse extension: a queue group's position and pending messages, on its own subject. */
@ExtendWith(StanServerExtension.class)
class BrowseIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private StanTestServer stan;
    private RawStan raw;

    @BeforeEach
    void connect(StanTestServer stan) {
        this.stan = stan;
        raw = stan.raw();
        raw.connect("browser");
        raw.connect("worker");
    }

    private BrowseResponse browse(BrowseRequest.Builder request) {
        return browseRaw(request.build().toByteArray());
    }

    private BrowseResponse browseRaw(byte[] payload) {
        try {
            return BrowseResponse.parseFrom(raw.request(Extensions.browseSubject(stan.subjects()), payload));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("undecodable BrowseResponse: " + e.getMessage(), e);
        }
    }

    private static BrowseRequest.Builder request(String channel, String durableName, String group) {
        return BrowseRequest.newBuilder().setClientID("browser").setChannel(channel).setDurableName(durableName)
                .setQGroup(group);
    }

    private SubscriptionRequest.Builder member(String durableName, int maxInFlight) {
        return raw.subRequest("worker", "work").setQGroup("work").setDurableName(durableName)
                .setMaxInFlight(maxInFlight).setStartPosition(StartPosition.First);
    }

    /** A durable group member that got 1, 2, 3 (max in flight 3), acked 2, then got 4: pending 1, 3, 4. */
    private RawStan.Sub memberWithGaps() {
        raw.publishOk("worker", "work", 6);
        RawStan.Sub sub = raw.subscribeOk(member("natsjms-queue", 3));
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        raw.ack(sub, 2);
        await().atMost(WAIT).until(() -> sub.received().size() == 4);
        assertThat(sub.sequences()).containsExactly(1L, 2L, 3L, 4L);
        return sub;
    }

    @Test
    void anUnknownChannelIsEmpty() {
        BrowseResponse response = browse(request("nothing", "natsjms-queue", "nothing"));

        assertThat(response.getError()).isEmpty();
        assertThat(response.getFirstSequence()).isZero();
        assertThat(response.getLastSequence()).isZero();
        assertThat(response.getLastSent()).isZero();
        assertThat(response.getPendingList()).isEmpty();
        assertThat(stan.channel("nothing")).as("browsing creates no channel").isEmpty();
    }

    @Test
    void anUnknownGroupHasConsumedNothing() {
        raw.publishOk("worker", "work", 5);

        BrowseResponse response = browse(request("work", "natsjms-queue", "work"));

        assertThat(response.getError()).isEmpty();
        assertThat(response.getFirstSequence()).isEqualTo(1);
        assertThat(response.getLastSequence()).isEqualTo(5);
        assertThat(response.getLastSent()).isZero();
        assertThat(response.getPendingList()).isEmpty();
    }

    @Test
    void aDurableGroupShowsItsLastSentAndItsUnacknowledgedSequences() {
        memberWithGaps();

        BrowseResponse response = browse(request("work", "natsjms-queue", "work"));

        assertThat(response.getError()).isEmpty();
        assertThat(response.getFirstSequence()).isEqualTo(1);
        assertThat(response.getLastSequence()).isEqualTo(6);
        assertThat(response.getLastSent()).isEqualTo(4);
        assertThat(response.getPendingList()).containsExactly(1L, 3L, 4L);
    }

    @Test
    void theAnswerReflectsAcksSentBeforeTheRequest() {
        RawStan.Sub sub = memberWithGaps();

        raw.ack(sub, 1);
        raw.ack(sub, 3);
        BrowseResponse response = browse(request("work", "natsjms-queue", "work"));

        // each ack freed a slot, so 5 and 6 went out before the request was answered
        assertThat(response.getLastSent()).isEqualTo(6);
        assertThat(response.getPendingList()).containsExactly(4L, 5L, 6L);
    }

    @Test
    void pendingMessagesOfMembersWhoAreGoneStayWithTheGroup() {
        RawStan.Sub sub = memberWithGaps();
        RawStan.Sub other = raw.subscribeOk(member("natsjms-queue", 3));
        await().atMost(WAIT).until(() -> other.received().size() == 2);

        assertThat(raw.closeSubscription("worker", "work", sub.ackInbox()).getError()).isEmpty();
        assertThat(raw.closeSubscription("worker", "work", other.ackInbox()).getError()).isEmpty();
        BrowseResponse response = browse(request("work", "natsjms-queue", "work"));

        assertThat(stan.channel("work").orElseThrow().subscriptions()).singleElement()
                .satisfies(shadow -> assertThat(shadow.offline()).isTrue());
        assertThat(response.getLastSent()).isEqualTo(6);
        assertThat(response.getPendingList()).containsExactly(1L, 3L, 4L, 5L, 6L);
    }

    @Test
    void groupsAreFoundByTheirKeyOfDurableNameAndGroupName() {
        raw.publishOk("worker", "work", 2);
        RawStan.Sub plain = raw.subscribeOk(raw.subRequest("worker", "work").setQGroup("work")
                .setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> plain.received().size() == 2);

        BrowseResponse nonDurable = browse(request("work", "", "work"));
        BrowseResponse durable = browse(request("work", "natsjms-queue", "work"));

        assertThat(nonDurable.getLastSent()).isEqualTo(2);
        assertThat(nonDurable.getPendingList()).containsExactly(1L, 2L);
        assertThat(durable.getLastSent()).isZero();
        assertThat(durable.getPendingList()).isEmpty();
    }

    @Test
    void aFullyConsumedGroupHasNothingPending() {
        raw.publishOk("worker", "work", 3);
        RawStan.Sub sub = raw.subscribeOk(member("natsjms-queue", 10));
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        sub.sequences().forEach(sequence -> raw.ack(sub, sequence));

        BrowseResponse response = browse(request("work", "natsjms-queue", "work"));

        assertThat(response.getLastSent()).isEqualTo(3);
        assertThat(response.getLastSequence()).isEqualTo(3);
        assertThat(response.getPendingList()).isEmpty();
    }

    @Test
    void refusesRequestsOfClientsThatAreNotRegistered() {
        assertThat(browse(request("work", "", "work").setClientID("stranger")).getError())
                .isEqualTo(ProtocolErrors.UNKNOWN_CLIENT_ID);
        assertThat(browse(request("work", "", "work").setClientID("")).getError())
                .isEqualTo(ProtocolErrors.MISSING_CLIENT_ID);
    }

    @Test
    void refusesInvalidRequestsWithTheirReason() {
        assertThat(browseRaw(RawStan.GARBAGE).getError()).isEqualTo(Extensions.INVALID_BROWSE_REQUEST);
        assertThat(browse(request("work", "natsjms-queue", "")).getError())
                .isEqualTo(Extensions.MISSING_QUEUE_GROUP);
        assertThat(browse(request("work.*", "", "work")).getError()).isEqualTo(ProtocolErrors.INVALID_SUBJECT);
        assertThat(browse(request("work", "a:b", "work")).getError())
                .isEqualTo(ProtocolErrors.INVALID_DURABLE_QUEUE_NAME);
        BrowseResponse refused = browse(request("work", "", "").setClientID("stranger"));
        assertThat(refused.getLastSequence()).isZero();
        assertThat(refused.getPendingList()).isEmpty();
    }
}
