package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch of publishes whose commit is written but not yet durable is neither acknowledged nor
 * delivered, not even to a subscription that an ack makes ready meanwhile; it is once the force
 * returns, and never if the force fails. Runs the engine over a recording transport and a memory
 * store whose started commits wait at a gate ({@link GatedCommitStore}).
 */
class HeldBackCommitTest {

    private static final Duration WAIT = EngineFixture.WAIT;

    private final EngineFixture engine = new EngineFixture();
    private final RecordingTransport transport = engine.transport;
    private GatedCommitStore store;

    @AfterEach
    void close() {
        if (store != null) {
            store.open();
        }
        engine.close();
    }

    @Test
    void aBatchIsAcknowledgedAndDeliveredOnlyOnceItsCommitIsDurable() throws Exception {
        start();
        String ackInbox = subscribe("inbox.a", 1);
        publish("g0", "m0");
        assertThat(sequenceOf(transport.awaitCount("inbox.a", 1).get(0))).isEqualTo(1);

        store.close(false);
        send("g1", "m1");
        await().atMost(WAIT).until(() -> store.waiting() == 1);
        ack(ackInbox, 1); // the subscription could take another message now
        settle();
        assertThat(transport.count("reply.pub.g1")).as("PubAck before the commit is durable").isZero();
        assertThat(transport.count("inbox.a")).as("delivery before the commit is durable").isEqualTo(1);

        store.open();
        assertThat(PubAck.parseFrom(transport.awaitOne("reply.pub.g1")).getError()).isEmpty();
        assertThat(sequenceOf(transport.awaitCount("inbox.a", 2).get(1))).isEqualTo(2);
    }

    @Test
    void aBatchWhoseForceFailsIsRefusedAndNeverDelivered() throws Exception {
        start();
        subscribe("inbox.a", 10);
        store.close(true);
        send("g1", "m1");
        await().atMost(WAIT).until(() -> store.waiting() == 1);
        store.open();

        PubAck ack = PubAck.parseFrom(transport.awaitOne("reply.pub.g1"));
        assertThat(ack.getError()).isNotEmpty().doesNotContain("simulated");
        settle();
        assertThat(transport.count("inbox.a")).isZero();
    }

    @Test
    void aSubscriptionRequestWaitsForTheBatchBeforeIt() throws Exception {
        start();
        publish("g0", "m0");
        store.close(false);
        send("g1", "m1");
        await().atMost(WAIT).until(() -> store.waiting() == 1);
        // the request must see m1 as the last message: it is answered once the batch is durable
        String reply = "reply.sub.last";
        engine.requestSubscription(reply, SubscriptionRequest.newBuilder().setClientID("c").setSubject("ch")
                .setInbox("inbox.last").setMaxInFlight(10).setAckWaitInSecs(30)
                .setStartPosition(StartPosition.LastReceived).build());
        store.open();

        assertThat(SubscriptionResponse.parseFrom(transport.awaitOne(reply)).getError()).isEmpty();
        List<byte[]> got = transport.awaitCount("inbox.last", 1);
        assertThat(sequenceOf(got.get(0))).isEqualTo(2);
        assertThat(PubAck.parseFrom(transport.awaitOne("reply.pub.g1")).getError()).isEmpty();
    }

    /**
     * Starts the engine as it runs on a slow disk: every force on the force thread, so the loop goes on
     * meanwhile (an idle loop would force a quick disk's commit itself: {@link ForceOnLoopTest}).
     */
    private void start() throws Exception {
        engine.start("held", opened -> store = new GatedCommitStore(opened));
        engine.commits().forceOnLoopUpTo(-1);
    }

    private void settle() {
        engine.settle();
    }

    /** Subscribes to "ch" from new messages only; returns the ack inbox. */
    private String subscribe(String inbox, int maxInFlight) throws Exception {
        return engine.subscribe(inbox, null, maxInFlight, 30, StartPosition.NewOnly);
    }

    private void send(String guid, String data) {
        engine.send(guid, data);
    }

    private void publish(String guid, String data) throws Exception {
        engine.publish(guid, data);
    }

    private void ack(String ackInbox, long sequence) {
        engine.ack(ackInbox, sequence);
    }

    private static long sequenceOf(byte[] delivery) throws Exception {
        return MsgProto.parseFrom(delivery).getSequence();
    }
}
