package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.StreamingConnection;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Publishing: sequences, PubAcks, publisher validation, connection IDs, no dedup (docs/protocol.md#channels, #publishing). */
@ExtendWith(StanServerExtension.class)
class PublishIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void sequencesStartAtOneAndThePubAckEchoesTheGuid(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("pub");
        PubMsg.Builder msg = raw.pubMsg("pub", "seq", "hello");

        PubAck ack = raw.publish(msg);

        assertThat(ack.getGuid()).isEqualTo(msg.getGuid());
        assertThat(ack.getError()).isEmpty();
        raw.publishOk("pub", "seq", 2);
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("pub", "seq").setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> sub.received().size() == 3);
        assertThat(sub.sequences()).containsExactly(1L, 2L, 3L);
        assertThat(sub.received().get(0).getData().toStringUtf8()).isEqualTo("hello");
        assertThat(sub.received()).extracting(MsgProto::getSubject).containsOnly("seq");
        assertThat(sub.received()).extracting(MsgProto::getTimestamp).isSorted().allMatch(ts -> ts > 0);
    }

    @Test
    void invalidPublishesAreRejected(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        RawStan.Client client = raw.connect("pub");

        assertThat(raw.publishRaw("ch", RawStan.GARBAGE).getError()).isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(raw.publish(raw.pubMsg("pub", "ch", "x").setGuid("")).getError())
                .isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(raw.publish(raw.pubMsg("stranger", "ch", "x")).getError())
                .isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        assertThat(raw.publish(raw.pubMsg("pub", "ch", "x").setConnID(com.google.protobuf.ByteString
                .copyFromUtf8("unknown-conn"))).getError()).isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
        for (String channel : List.of("foo.*", "foo.>", "*", ">", "foo..bar", ".foo", "foo.", "a/b", "")) {
            PubMsg.Builder msg = raw.pubMsg("pub", channel, "x");
            PubAck ack = raw.publishRaw("valid", msg.build().toByteArray());
            assertThat(ack.getError()).as("channel \"%s\"", channel).isEqualTo(ProtocolErrors.INVALID_PUBLISH_REQUEST);
            assertThat(ack.getGuid()).isEqualTo(msg.getGuid());
        }
        assertThat(stan.snapshot().channels()).isEmpty();
        assertThat(raw.publish(raw.pubMsg("pub", "ch", "ok").setConnID(client.connId())).getError()).isEmpty();
    }

    /** The original server's behaviour; with the duplicate window on (the default) see DuplicateWindowIT. */
    @Test
    @StanConfig(dupWindowMillis = 0)
    void withTheDuplicateWindowOffTheSameGuidTwiceIsStoredTwice(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("pub");
        PubMsg.Builder msg = raw.pubMsg("pub", "dups", "again");

        raw.publish(msg);
        raw.publish(msg);

        assertThat(stan.channel("dups").orElseThrow().msgs()).isEqualTo(2);
        assertThat(stan.channel("dups").orElseThrow().lastSeq()).isEqualTo(2);
    }

    @Test
    void officialClientPublishesSyncAndAsync(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("java-pub");
        sc.publish("java", new byte[] {1});
        CompletableFuture<String> acked = new CompletableFuture<>();
        String guid = sc.publish("java", new byte[] {2}, (ackedGuid, error) -> {
            if (error != null) {
                acked.completeExceptionally(error);
            } else {
                acked.complete(ackedGuid);
            }
        });

        assertThat(acked.get(5, TimeUnit.SECONDS)).isEqualTo(guid);
        assertThat(stan.channel("java").orElseThrow().msgs()).isEqualTo(2);
    }

    @Test
    void aSubscriberMayGetTheMessageButEveryPublishIsAcked(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("burst");
        List<Long> got = new java.util.concurrent.CopyOnWriteArrayList<>();
        sc.subscribe("burst", m -> got.add(m.getSequence()));
        List<CompletableFuture<String>> acks = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            CompletableFuture<String> ack = new CompletableFuture<>();
            sc.publish("burst", new byte[] {(byte) i}, (g, e) -> ack.complete(e == null ? "" : e.getMessage()));
            acks.add(ack);
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertThat(acks).allMatch(a -> a.join().isEmpty());
        await().atMost(WAIT).until(() -> got.size() == 2000);
        assertThat(got).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aPublishWhoseDeliveryWouldExceedTheMaxPayloadIsRefusedAndUsesNoSequence(StanTestServer stan)
            throws Exception {
        RawStan raw = stan.raw();
        raw.connect("p");
        long maxPayload;
        try (io.nats.client.Connection nc = stan.natsConnection()) {
            maxPayload = nc.getMaxPayload();
        }
        PubMsg.Builder big = raw.pubMsg("p", "big", "").setGuid("g");
        int dataSize = (int) maxPayload - big.build().getSerializedSize() - 8;
        while (big.setData(com.google.protobuf.ByteString.copyFrom(new byte[dataSize])).build().getSerializedSize()
                < maxPayload) {
            dataSize++;
        }
        assertThat(big.build().getSerializedSize()).isEqualTo((int) maxPayload);

        assertThat(raw.publish(big).getError()).isEqualTo(ProtocolErrors.MESSAGE_TOO_LARGE);

        raw.publishOk("p", "big", 1);
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("p", "big").setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        assertThat(sub.sequences()).containsExactly(1L);
    }
}
