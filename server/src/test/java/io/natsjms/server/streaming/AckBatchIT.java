package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ext.AckBatch;
import io.natsjms.protocol.ext.AckBatchResponse;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The ack batch extension: many acks of one subscription in one request, applied as plain acks are,
 * on a MapDB store so that a restart shows what was stored.
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class AckBatchIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static AckBatchResponse send(StanTestServer stan, RawStan raw, byte[] payload) {
        try {
            return AckBatchResponse.parseFrom(raw.request(Extensions.acksSubject(stan.subjects()), payload));
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("undecodable AckBatchResponse: " + e.getMessage(), e);
        }
    }

    private static AckBatchResponse batch(StanTestServer stan, RawStan raw, RawStan.Sub sub, long... sequences) {
        AckBatch.Builder batch = AckBatch.newBuilder().setChannel(sub.channel()).setAckInbox(sub.ackInbox());
        LongStream.of(sequences).forEach(batch::addSequences);
        return send(stan, raw, batch.build().toByteArray());
    }

    private static RawStan.Sub durable(RawStan raw, int maxInFlight) {
        return raw.subscribeOk(raw.subRequest("c", "x").setDurableName("d").setMaxInFlight(maxInFlight)
                .setAckWaitInSecs(30).setStartPosition(StartPosition.First));
    }

    private static ServerSnapshot.SubscriptionView only(StanTestServer stan) {
        return stan.channel("x").orElseThrow().subscriptions().get(0);
    }

    @Test
    void aBatchAcknowledgesItsSequencesAndMakesRoomForMore(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("c");
        raw.publishOk("c", "x", 10);
        RawStan.Sub sub = durable(raw, 4);
        await().atMost(WAIT).until(() -> sub.received().size() == 4);

        AckBatchResponse response = batch(stan, raw, sub, 1, 2, 4);

        assertThat(response.getError()).isEmpty();
        assertThat(response.getApplied()).isEqualTo(3);
        // three freed slots: 5, 6, 7 go out; 3 stays pending
        await().atMost(WAIT).until(() -> sub.received().size() == 7);
        assertThat(sub.sequences()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(only(stan).pendingCount()).isEqualTo(4);
    }

    @Test
    void sequencesThatAreNotPendingAreSkippedAndCounted(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("c");
        raw.publishOk("c", "x", 3);
        RawStan.Sub sub = durable(raw, 10);
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        raw.ack(sub, 2);
        await().atMost(WAIT).until(() -> only(stan).pendingCount() == 2);

        // 2 was acked already, 0 and 99 were never sent, 3 twice in one batch
        AckBatchResponse response = batch(stan, raw, sub, 2, 0, 3, 99, 3);

        assertThat(response.getError()).isEmpty();
        assertThat(response.getApplied()).isEqualTo(1);
        assertThat(only(stan).pendingCount()).isEqualTo(1);
        assertThat(batch(stan, raw, sub).getApplied()).as("an empty batch").isZero();
    }

    @Test
    void aBatchForNoLiveSubscriptionIsRefusedAsAWhole(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("c");
        raw.publishOk("c", "x", 2);
        RawStan.Sub sub = durable(raw, 10);
        await().atMost(WAIT).until(() -> sub.received().size() == 2);

        RawStan.Sub wrongInbox = new RawStan.Sub("x", sub.inbox(), sub.ackInbox() + "-not", List.of());
        RawStan.Sub wrongChannel = new RawStan.Sub("y", sub.inbox(), sub.ackInbox(), List.of());
        assertThat(batch(stan, raw, wrongInbox, 1).getError()).isEqualTo(Extensions.UNKNOWN_ACK_INBOX);
        assertThat(batch(stan, raw, wrongChannel, 1).getError()).isEqualTo(Extensions.UNKNOWN_ACK_INBOX);

        assertThat(raw.closeSubscription("c", "x", sub.ackInbox()).getError()).isEmpty();
        AckBatchResponse closed = batch(stan, raw, sub, 1, 2);
        assertThat(closed.getError()).as("the durable is closed").isEqualTo(Extensions.UNKNOWN_ACK_INBOX);
        assertThat(closed.getApplied()).isZero();
        assertThat(only(stan).pendingCount()).as("nothing of a refused batch applied").isEqualTo(2);
    }

    @Test
    void aMalformedBatchGetsAClearErrorAndTheServerCarriesOn(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("c");
        raw.publishOk("c", "x", 2);
        RawStan.Sub sub = durable(raw, 10);
        await().atMost(WAIT).until(() -> sub.received().size() == 2);

        AckBatchResponse response = send(stan, raw, RawStan.GARBAGE);

        assertThat(response.getError()).isEqualTo(Extensions.INVALID_ACK_BATCH);
        assertThat(batch(stan, raw, sub, 1, 2).getApplied()).as("the server still serves batches").isEqualTo(2);
        raw.publishOk("c", "x", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
    }

    @Test
    void afterARestartNothingAckedInABatchComesAgainAndNothingElseIsLost(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("c");
        raw.publishOk("c", "x", 20);
        RawStan.Sub sub = durable(raw, 20);
        await().atMost(WAIT).until(() -> sub.received().size() == 20);
        long[] acked = LongStream.rangeClosed(1, 20).filter(seq -> seq % 3 != 0).toArray();
        assertThat(batch(stan, raw, sub, acked).getApplied()).isEqualTo(acked.length);
        raw.close();

        stan.restartStreamingServer();

        RawStan again = stan.raw();
        again.connect("c");
        RawStan.Sub resumed = again.subscribeOk(again.subRequest("c", "x").setDurableName("d").setMaxInFlight(20));
        long[] unacked = LongStream.rangeClosed(1, 20).filter(seq -> seq % 3 == 0).toArray();
        await().atMost(WAIT).until(() -> resumed.received().size() == unacked.length);
        assertThat(resumed.sequences()).containsExactly(LongStream.of(unacked).boxed().toArray(Long[]::new));
        assertThat(resumed.received()).allMatch(MsgProto::getRedelivered);
        assertThat(only(stan).pendingCount()).isEqualTo(unacked.length);
    }
}
