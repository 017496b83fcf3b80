package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Publishes de-duplicated by their guid within the duplicate window (docs/protocol.md#publishing): a
 * repeated publish gets a normal PubAck and is not stored again, also after a restart; on another
 * channel, or on a server with the window off, it is stored.
 */
@ExtendWith(StanServerExtension.class)
class DuplicateWindowIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(300);

    private static void publishOk(RawStan raw, PubMsg.Builder msg) {
        PubAck ack = raw.publish(msg);
        assertThat(ack.getError()).isEmpty();
        assertThat(ack.getGuid()).isEqualTo(msg.getGuid());
    }

    private static long lastSequence(StanTestServer stan, String channel) {
        return stan.channel(channel).map(ServerSnapshot.ChannelView::lastSeq).orElse(0L);
    }

    /** Subscribes from the first message and returns the payloads once {@code count} arrived and no more came. */
    private static java.util.List<String> receiveAll(RawStan raw, String clientId, String channel, int count) {
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest(clientId, channel).setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> sub.received().size() >= count);
        await().during(QUIET).atMost(WAIT).until(() -> sub.received().size() == count);
        return sub.received().stream().map(m -> m.getData().toStringUtf8()).toList();
    }

    @Test
    void aPublishRepeatedWithItsGuidIsAcknowledgedAndStoredOnce(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        PubMsg.Builder msg = raw.pubMsg("p", "orders", "once");

        publishOk(raw, msg);
        publishOk(raw, msg);
        publishOk(raw, raw.pubMsg("p", "orders", "other"));
        publishOk(raw, msg.setData(com.google.protobuf.ByteString.copyFromUtf8("changed, same guid")));

        assertThat(receiveAll(raw, "p", "orders", 2)).containsExactly("once", "other");
        assertThat(lastSequence(stan, "orders")).isEqualTo(2);
        assertThat(stan.snapshot().channels()).hasSize(1);
    }

    @Test
    void theSameGuidOnAnotherChannelIsAnotherMessage(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        PubMsg.Builder msg = raw.pubMsg("p", "orders", "a");

        publishOk(raw, msg);
        publishOk(raw, msg.setSubject("invoices"));

        assertThat(lastSequence(stan, "orders")).isEqualTo(1);
        assertThat(lastSequence(stan, "invoices")).isEqualTo(1);
    }

    @Test
    @StanConfig(dupWindowMillis = 0)
    void withTheWindowOffARepeatedPublishIsStoredAgainAsInTheOriginal(StanTestServer stan) {
        RawStan raw = stan.raw();
        raw.connect("p");
        PubMsg.Builder msg = raw.pubMsg("p", "orders", "twice");

        publishOk(raw, msg);
        publishOk(raw, msg);

        assertThat(receiveAll(raw, "p", "orders", 2)).containsExactly("twice", "twice");
    }

    @Test
    @StanConfig(persistent = true)
    void theWindowHoldsAcrossARestart(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("p");
        PubMsg.Builder first = raw.pubMsg("p", "orders", "first");
        publishOk(raw, first);
        publishOk(raw, raw.pubMsg("p", "orders", "second"));

        stan.restartStreamingServer();

        // the client outlived the restart (recovered with the store); its retry is recognised
        publishOk(raw, first);
        publishOk(raw, raw.pubMsg("p", "orders", "third"));
        assertThat(receiveAll(raw, "p", "orders", 3)).containsExactly("first", "second", "third");
    }
}
