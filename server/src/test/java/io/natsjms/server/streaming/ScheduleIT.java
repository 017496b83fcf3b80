package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ext.BrowseRequest;
import io.natsjms.protocol.ext.BrowseResponse;
import io.natsjms.protocol.ext.ScheduleRequest;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schedule extension (docs/protocol.md#schedule): a message published with a delivery time is
 * acknowledged once stored, seen by no subscription and no browse before its time, appended once when
 * due, also across a restart; a repeated request schedules nothing more.
 */
@ExtendWith(StanServerExtension.class)
class ScheduleIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration QUIET = Duration.ofMillis(300);

    private static PubAck schedule(StanTestServer stan, RawStan raw, PubMsg.Builder msg, long deliverAtNanos) {
        return scheduleRaw(stan, raw, ScheduleRequest.newBuilder().setPublish(msg).setDeliverAt(deliverAtNanos)
                .build().toByteArray());
    }

    private static PubAck scheduleRaw(StanTestServer stan, RawStan raw, byte[] payload) {
        try {
            return PubAck.parseFrom(raw.request(Extensions.scheduleSubject(stan.subjects()), payload));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("undecodable PubAck: " + e.getMessage(), e);
        }
    }

    private static long inMillis(long millis) {
        return TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis() + millis);
    }

    private static long lastSequence(StanTestServer stan, String channel) {
        return stan.channel(channel).map(ServerSnapshot.ChannelView::lastSeq).orElse(0L);
    }

    @Test
    void aScheduledMessageIsInvisibleUntilDueThenDeliveredOnce(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        raw.publishOk("p", "orders", 1);
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders").setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        long due = inMillis(1500);

        PubMsg.Builder msg = raw.pubMsg("p", "orders", "later");
        PubAck ack = schedule(stan, raw, msg, due);

        assertThat(ack.getError()).isEmpty();
        assertThat(ack.getGuid()).isEqualTo(msg.getGuid());
        assertThat(lastSequence(stan, "orders")).as("not in the channel yet").isEqualTo(1);
        BrowseResponse browse = browse(stan, raw);
        assertThat(browse.getLastSequence()).as("browse does not see it").isEqualTo(1);
        assertThat(sub.received()).hasSize(1);

        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        MsgProto delivered = sub.received().get(1);
        assertThat(delivered.getData().toStringUtf8()).isEqualTo("later");
        assertThat(delivered.getSequence()).isEqualTo(2);
        assertThat(delivered.getTimestamp()).as("stored at or after its due time").isGreaterThanOrEqualTo(due);
        await().during(QUIET).atMost(WAIT).until(() -> sub.received().size() == 2);
    }

    private static BrowseResponse browse(StanTestServer stan, RawStan raw) {
        try {
            return BrowseResponse.parseFrom(raw.request(Extensions.browseSubject(stan.subjects()),
                    BrowseRequest.newBuilder().setClientID("p").setChannel("orders").setQGroup("orders")
                            .setDurableName("natsjms-queue").build().toByteArray()));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aRepeatedRequestIsAcknowledgedAndSchedulesNothingMore(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders"));
        PubMsg.Builder msg = raw.pubMsg("p", "orders", "once");
        long due = inMillis(700);

        assertThat(schedule(stan, raw, msg, due).getError()).isEmpty();
        assertThat(schedule(stan, raw, msg, due).getError()).isEmpty();
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        // a retry after it was delivered is in the duplicate window
        assertThat(schedule(stan, raw, msg, due).getError()).isEmpty();

        await().during(Duration.ofMillis(1000)).atMost(WAIT).until(() -> sub.received().size() == 1);
        assertThat(lastSequence(stan, "orders")).isEqualTo(1);
    }

    @Test
    void aDeliveryTimeInThePastIsDeliveredAtOnceAfterThePublishesBeforeIt(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "orders"));
        raw.publishOk("p", "orders", 1);

        assertThat(schedule(stan, raw, raw.pubMsg("p", "orders", "overdue"), 1).getError()).isEmpty();

        await().atMost(WAIT).until(() -> sub.received().size() == 2);
        assertThat(sub.received().get(1).getData().toStringUtf8()).isEqualTo("overdue");
    }

    @Test
    void badRequestsAreRefusedWithAPubAckError(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");

        assertThat(scheduleRaw(stan, raw, RawStan.GARBAGE).getError())
                .isEqualTo(Extensions.INVALID_SCHEDULE_REQUEST);
        assertThat(schedule(stan, raw, raw.pubMsg("nobody", "orders", "x"), inMillis(10)).getError())
                .isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(schedule(stan, raw, raw.pubMsg("p", "orders.*", "x"), inMillis(10)).getError())
                .isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(schedule(stan, raw, raw.pubMsg("p", "orders", "x").setGuid(""), inMillis(10)).getError())
                .isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(stan.snapshot().channels()).isEmpty();
    }

    @Test
    @StanConfig(persistent = true)
    void aScheduledMessageSurvivesARestartAndArrivesOnceNotBeforeItsTime(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("p");
        RawStan.Sub durable = raw.subscribeOk(raw.subRequest("p", "orders").setDurableName("d"));
        long due = inMillis(3000);
        assertThat(schedule(stan, raw, raw.pubMsg("p", "orders", "after restart"), due).getError()).isEmpty();
        long overdue = inMillis(600);
        assertThat(schedule(stan, raw, raw.pubMsg("p", "orders", "overdue at restart"), overdue).getError())
                .isEmpty();

        stan.stopStreamingServer();
        // the server is down when the first one becomes due
        await().atMost(WAIT).until(() -> TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()) > overdue);
        assertThat(durable.received()).isEmpty();
        stan.restartStreamingServer();

        await().atMost(WAIT).until(() -> durable.received().size() == 2);
        assertThat(durable.received()).extracting(m -> m.getData().toStringUtf8()).containsExactly(
                "overdue at restart", "after restart");
        assertThat(durable.received().get(1).getTimestamp()).isGreaterThanOrEqualTo(due);
        await().during(QUIET).atMost(WAIT).until(() -> durable.received().size() == 2);
        assertThat(lastSequence(stan, "orders")).isEqualTo(2);
    }
}
