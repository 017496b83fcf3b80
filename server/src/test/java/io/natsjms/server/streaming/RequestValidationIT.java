package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.nats.client.Dispatcher;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Values from the wire that the server will later send to or compare are checked when they arrive:
 * a bad one gets the request's error and leaves nothing behind, so it can never break other clients'
 * work or a restart.
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class RequestValidationIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);

    private StanTestServer stan;
    private RawStan raw;

    @BeforeEach
    void connect(StanTestServer stan) {
        this.stan = stan;
        raw = stan.raw();
        raw.connect("me");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", " _INBOX.x", "_INBOX.x\n", "_INBOX.*", "_INBOX.>", "_INBOX..x", "_INBOX."})
    void aSubscriptionToAnInboxNobodyCanSendToIsRefusedAndLeavesNothingBehind(String inbox) throws Exception {
        assertThat(raw.subscribe(raw.subRequest("me", "orders").setInbox(inbox)).getError())
                .isEqualTo(ProtocolErrors.INVALID_SUBSCRIPTION_REQUEST);
        assertThat(raw.subscribe(raw.subRequest("me", "orders").setInbox(inbox).setDurableName("d")).getError())
                .isEqualTo(ProtocolErrors.INVALID_SUBSCRIPTION_REQUEST);
        assertThat(raw.subscribe(raw.subRequest("me", "orders").setInbox(inbox).setQGroup("g")).getError())
                .isEqualTo(ProtocolErrors.INVALID_SUBSCRIPTION_REQUEST);
        assertThat(stan.channel("orders")).isEmpty();

        // the channel works, in one publish batch with other channels, and the server restarts
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("me", "orders"));
        assertThat(publishTogether(Map.of("orders", 20, "other", 20)).values()).allMatch(String::isEmpty);
        await().atMost(WAIT).until(() -> sub.received().size() == 20);
        stan.restartStreamingServer();
        assertThat(raw.publish(raw.pubMsg("me", "orders", "after")).getError()).isEmpty();
        assertThat(stan.channel("orders").orElseThrow().msgs()).isEqualTo(21);
    }

    @Test
    void aResumedDurableNeedsAValidInboxToo() {
        RawStan.Sub first = raw.subscribeOk(raw.subRequest("me", "orders").setDurableName("d"));
        assertThat(raw.closeSubscription("me", "orders", first.ackInbox()).getError()).isEmpty();
        assertThat(raw.subscribe(raw.subRequest("me", "orders").setDurableName("d").setInbox("a b")).getError())
                .isEqualTo(ProtocolErrors.INVALID_SUBSCRIPTION_REQUEST);
        assertThat(stan.channel("orders").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.offline()).isTrue())
                .satisfies(s -> assertThat(s.inbox()).isEqualTo(first.inbox()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\tb", "_INBOX.*", "x..y", "."})
    void aConnectWithAHeartbeatInboxNobodyCanSendToIsRefusedAndTheIdStaysFree(String hbInbox) {
        ConnectRequest request = ConnectRequest.newBuilder().setClientID("hb").setHeartbeatInbox(hbInbox)
                .setProtocol(1).setConnID(ByteString.copyFromUtf8("conn-hb")).build();
        assertThat(raw.connectRaw(request.toByteArray()).getError()).isEqualTo(ProtocolErrors.INVALID_CONNECT_REQUEST);
        assertThat(stan.client("hb")).isEmpty();

        RawStan.Client client = raw.connect("hb");
        assertThat(client.response().getError()).isEmpty();
        assertThat(stan.client("hb").orElseThrow().hbInbox()).isEqualTo(client.hbInbox());
    }

    @ParameterizedTest
    @ValueSource(longs = {-1L, Long.MIN_VALUE, 1L << 40})
    void aStartSequenceBeyondTheLastIsNewOnlyEvenAboveTwoToTheSixtyThird(long unsignedStart) {
        raw.publishOk("me", "seq", 3);
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("me", "seq").setStartPosition(StartPosition.SequenceStart)
                .setStartSequence(unsignedStart));
        await().during(QUIET).atMost(WAIT).until(() -> sub.received().isEmpty());
        raw.publishOk("me", "seq", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        assertThat(sub.received()).extracting(MsgProto::getSequence).containsExactly(4L);
        await().during(QUIET).atMost(WAIT).until(() -> sub.received().size() == 1);
    }

    /**
     * Publishes the given number of messages to each channel without waiting in between, so that they
     * share publish batches, and returns every PubAck's error by guid.
     */
    private Map<String, String> publishTogether(Map<String, Integer> counts) {
        Map<String, String> errors = new ConcurrentHashMap<>();
        String acks = "_STAN.acks." + raw.newInbox();
        Dispatcher dispatcher = raw.nc.createDispatcher(msg -> {
            try {
                PubAck ack = PubAck.parseFrom(msg.getData());
                errors.put(ack.getGuid(), ack.getError());
            } catch (InvalidProtocolBufferException e) {
                errors.put("undecodable " + errors.size(), e.getMessage());
            }
        });
        dispatcher.subscribe(acks);
        int total = 0;
        for (int i = 0; i < counts.values().stream().mapToInt(Integer::intValue).max().orElse(0); i++) {
            for (var entry : counts.entrySet()) {
                if (i < entry.getValue()) {
                    raw.nc.publish(stan.subjects().publishSubject(entry.getKey()), acks,
                            raw.pubMsg("me", entry.getKey(), "m" + i).build().toByteArray());
                    total++;
                }
            }
        }
        int expected = total;
        await().atMost(WAIT).until(() -> errors.size() == expected);
        raw.nc.closeDispatcher(dispatcher);
        return errors;
    }
}
