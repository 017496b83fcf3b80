package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A first delivery is serialized once and the same bytes go to every subscription, while each
 * redelivery gets its own bytes with its flag and count, and never changes what was shared. Runs the
 * engine (memory store) over a transport that records what is published.
 */
class SharedDeliveryBytesTest {

    private final EngineFixture engine = new EngineFixture();
    private final RecordingTransport transport = engine.transport;

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void subscriptionsShareAFirstDeliveryAndARedeliveryHasItsOwnFields() throws Exception {
        start();
        String ackA = subscribe("inbox.a", null);
        subscribe("inbox.b", null);
        String ackGroup = subscribe("inbox.g", "workers");
        String large = "L".repeat(FirstDeliveryBytes.MAX_CACHED_SIZE + 1);

        publish("g1", "small");
        publish("g2", large);

        List<byte[]> a = transport.awaitCount("inbox.a", 2);
        List<byte[]> b = transport.awaitCount("inbox.b", 2);
        List<byte[]> g = transport.awaitCount("inbox.g", 2);
        assertThat(b.get(0)).isSameAs(a.get(0));
        assertThat(g.get(0)).isSameAs(a.get(0));
        for (List<byte[]> received : List.of(a, b, g)) {
            assertFirstDelivery(received.get(0), 1, "small");
            assertFirstDelivery(received.get(1), 2, large);
        }

        ack(ackA, 1);
        ack(ackA, 2);
        ack(ackGroup, 1);
        ack(ackGroup, 2);
        List<byte[]> bAgain = transport.awaitCount("inbox.b", 4);
        MsgProto redelivered = MsgProto.parseFrom(bAgain.get(2));
        assertThat(redelivered.getSequence()).isEqualTo(1);
        assertThat(redelivered.getRedelivered()).isTrue();
        assertThat(redelivered.getRedeliveryCount()).isEqualTo(1);
        assertThat(redelivered.getData().toStringUtf8()).isEqualTo("small");
        assertThat(bAgain.get(2)).isNotSameAs(a.get(0));
        assertFirstDelivery(a.get(0), 1, "small");
    }

    private void start() throws Exception {
        engine.start("shared", store -> store);
    }

    /** Subscribes to "ch" from new messages only, with an ack wait of 1 s; returns the ack inbox. */
    private String subscribe(String inbox, String group) throws Exception {
        return engine.subscribe(inbox, group, 10, 1, StartPosition.NewOnly);
    }

    private void publish(String guid, String data) throws Exception {
        engine.publish(guid, data);
    }

    private void ack(String ackInbox, long sequence) {
        engine.ack(ackInbox, sequence);
    }

    private static void assertFirstDelivery(byte[] bytes, long sequence, String data) throws Exception {
        MsgProto msg = MsgProto.parseFrom(bytes);
        assertThat(msg.getSequence()).isEqualTo(sequence);
        assertThat(msg.getSubject()).isEqualTo("ch");
        assertThat(msg.getData().toStringUtf8()).isEqualTo(data);
        assertThat(msg.getRedelivered()).isFalse();
        assertThat(msg.getRedeliveryCount()).isZero();
        assertThat(msg.getTimestamp()).isPositive();
    }
}
