package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The five start positions and their edge cases (docs/protocol.md#start-positions). */
@ExtendWith(StanServerExtension.class)
class SubscribeStartPositionIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(200);

    private StanTestServer stan;
    private RawStan raw;

    @BeforeEach
    void connect(StanTestServer stan) throws Exception {
        this.stan = stan;
        raw = stan.raw();
        raw.connect("sp");
    }

    /** Subscribes, publishes {@code newOnes} more messages, and returns the sequences received. */
    private List<Long> receive(SubscriptionRequest.Builder request, int newOnes, int expected) {
        RawStan.Sub sub = raw.subscribeOk(request);
        raw.publishOk("sp", request.getSubject(), newOnes);
        await().atMost(WAIT).until(() -> sub.received().size() >= expected);
        await().during(QUIET).atMost(WAIT).until(() -> sub.received().size() == expected);
        return sub.sequences();
    }

    private SubscriptionRequest.Builder at(String channel, StartPosition position) {
        return raw.subRequest("sp", channel).setStartPosition(position);
    }

    @Test
    void newOnlyStartsAfterTheLastMessage() {
        assertThat(receive(at("empty", StartPosition.NewOnly), 1, 1)).containsExactly(1L);
        raw.publishOk("sp", "full", 3);
        assertThat(receive(at("full", StartPosition.NewOnly), 2, 2)).containsExactly(4L, 5L);
    }

    @Test
    void lastReceivedStartsWithTheLastMessageOrActsAsNewOnlyOnAnEmptyChannel() {
        assertThat(receive(at("empty", StartPosition.LastReceived), 1, 1)).containsExactly(1L);
        raw.publishOk("sp", "full", 3);
        assertThat(receive(at("full", StartPosition.LastReceived), 1, 2)).containsExactly(3L, 4L);
    }

    @Test
    void firstStartsWithTheOldestMessage() {
        assertThat(receive(at("empty", StartPosition.First), 2, 2)).containsExactly(1L, 2L);
        raw.publishOk("sp", "full", 3);
        assertThat(receive(at("full", StartPosition.First), 0, 3)).containsExactly(1L, 2L, 3L);
    }

    @Test
    void sequenceStartIsExactInRangeFromFirstBelowAndNewOnlyBeyond() {
        raw.publishOk("sp", "ch", 5);
        assertThat(receive(at("ch", StartPosition.SequenceStart).setStartSequence(3), 0, 3))
                .containsExactly(3L, 4L, 5L);
        assertThat(receive(at("ch", StartPosition.SequenceStart).setStartSequence(0), 0, 5))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(receive(at("ch", StartPosition.SequenceStart).setStartSequence(100), 1, 1))
                .containsExactly(6L);
        assertThat(receive(at("empty", StartPosition.SequenceStart).setStartSequence(10), 1, 1))
                .containsExactly(1L);
    }

    @Test
    @StanConfig(maxMsgs = 3)
    void sequenceAndFirstStartAtTheFirstAvailableAfterDrops() {
        raw.publishOk("sp", "ch", 6);
        assertThat(receive(at("ch", StartPosition.SequenceStart).setStartSequence(2), 0, 3))
                .containsExactly(4L, 5L, 6L);
        assertThat(receive(at("ch", StartPosition.First), 0, 3)).containsExactly(4L, 5L, 6L);
        assertThat(receive(at("ch", StartPosition.LastReceived), 0, 1)).containsExactly(6L);
    }

    @Test
    void timeDeltaStartsAtTheFirstMessageAtOrAfterNowMinusDelta() {
        raw.publishOk("sp", "ch", 2);
        long secondTimestamp = timestampOf("ch", 2);
        await().atMost(WAIT).until(() -> nowNanos() > secondTimestamp + 600_000_000L);
        raw.publishOk("sp", "ch", 2);
        long thirdTimestamp = timestampOf("ch", 3);

        long betweenSecondAndThird = nowNanos() - (thirdTimestamp - 300_000_000L);
        assertThat(receive(at("ch", StartPosition.TimeDeltaStart).setStartTimeDelta(betweenSecondAndThird), 0, 2))
                .containsExactly(3L, 4L);
        assertThat(receive(at("ch", StartPosition.TimeDeltaStart).setStartTimeDelta(Long.MAX_VALUE / 2), 0, 4))
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(receive(at("ch", StartPosition.TimeDeltaStart).setStartTimeDelta(-1_000_000_000L), 1, 1))
                .containsExactly(5L);
        assertThat(receive(at("ch", StartPosition.TimeDeltaStart).setStartTimeDelta(1), 1, 1))
                .containsExactly(6L);
    }

    @Test
    void officialClientStartOptions() throws Exception {
        StreamingConnection sc = stan.connect("java-sp");
        for (int i = 0; i < 5; i++) {
            sc.publish("java", new byte[] {(byte) i});
        }
        assertThat(received(sc, new SubscriptionOptions.Builder().deliverAllAvailable(), 5))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(received(sc, new SubscriptionOptions.Builder().startWithLastReceived(), 1)).containsExactly(5L);
        assertThat(received(sc, new SubscriptionOptions.Builder().startAtSequence(4), 2)).containsExactly(4L, 5L);
        assertThat(received(sc, new SubscriptionOptions.Builder().startAtTime(Instant.now().minusSeconds(60)), 5))
                .containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(received(sc, new SubscriptionOptions.Builder().startAtTimeDelta(Duration.ofMinutes(1)), 5))
                .hasSize(5);
    }

    private static List<Long> received(StreamingConnection sc, SubscriptionOptions.Builder options, int expected)
            throws Exception {
        List<Long> got = new CopyOnWriteArrayList<>();
        io.nats.streaming.Subscription sub = sc.subscribe("java", (Message m) -> got.add(m.getSequence()),
                options.build());
        await().atMost(WAIT).until(() -> got.size() >= expected);
        await().during(QUIET).atMost(WAIT).until(() -> got.size() == expected);
        sub.unsubscribe();
        return got;
    }

    private long timestampOf(String channel, long sequence) {
        RawStan.Sub sub = raw.subscribeOk(at(channel, StartPosition.SequenceStart).setStartSequence(sequence));
        await().atMost(WAIT).until(() -> !sub.received().isEmpty());
        MsgProto msg = sub.received().get(0);
        assertThat(msg.getSequence()).isEqualTo(sequence);
        assertThat(raw.unsubscribe("sp", channel, sub.ackInbox()).getError()).isEmpty();
        return msg.getTimestamp();
    }

    private static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
