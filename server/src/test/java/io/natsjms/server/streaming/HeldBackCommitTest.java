package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch of publishes whose commit is written but not yet durable is neither acknowledged nor
 * delivered, not even to a subscription that an ack makes ready meanwhile; it is once the force
 * returns, and never if the force fails. Runs the engine over a recording transport and a memory
 * store whose started commits wait at a gate ({@link GatedCommitStore}).
 */
class HeldBackCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingTransport transport = new RecordingTransport(WAIT);
    private final EngineLoop loop = new EngineLoop("test-engine");
    private GatedCommitStore store;
    private ConnectResponse connected;

    @AfterEach
    void close() {
        if (store != null) {
            store.open();
        }
        loop.close();
        if (store != null) {
            store.close();
        }
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
        transport.deliver(connected.getSubRequests(), reply, SubscriptionRequest.newBuilder().setClientID("c")
                .setSubject("ch").setInbox("inbox.last").setMaxInFlight(10).setAckWaitInSecs(30)
                .setStartPosition(StartPosition.LastReceived).build().toByteArray());
        store.open();

        assertThat(SubscriptionResponse.parseFrom(transport.awaitOne(reply)).getError()).isEmpty();
        List<byte[]> got = transport.awaitCount("inbox.last", 1);
        assertThat(sequenceOf(got.get(0))).isEqualTo(2);
        assertThat(PubAck.parseFrom(transport.awaitOne("reply.pub.g1")).getError()).isEmpty();
    }

    private void start() throws Exception {
        ServerConfig config = ServerConfig.builder().clusterId("held").build();
        store = new GatedCommitStore(StoreProvider.named(config.storeType().providerName())
                .open(new StoreConfig(config.dataDir(), config.storeLimits(), config.storeOptions())));
        Engine engine = new Engine(config, config.subjects(), loop, transport, store);
        EngineWiring wiring = new EngineWiring(engine);
        loop.call(() -> {
            wiring.listen();
            return null;
        });
        transport.deliver(config.subjects().discovery(), "reply.connect", ConnectRequest.newBuilder()
                .setClientID("c").setHeartbeatInbox("hb.c").build().toByteArray());
        connected = ConnectResponse.parseFrom(transport.awaitOne("reply.connect"));
    }

    /** Waits until the engine has handled everything handed to it so far. */
    private void settle() throws Exception {
        loop.call(() -> null);
    }

    /** Subscribes to "ch" from new messages only; returns the ack inbox. */
    private String subscribe(String inbox, int maxInFlight) throws Exception {
        SubscriptionRequest request = SubscriptionRequest.newBuilder().setClientID("c").setSubject("ch")
                .setInbox(inbox).setMaxInFlight(maxInFlight).setAckWaitInSecs(30)
                .setStartPosition(StartPosition.NewOnly).build();
        String reply = "reply.sub." + inbox;
        transport.deliver(connected.getSubRequests(), reply, request.toByteArray());
        SubscriptionResponse response = SubscriptionResponse.parseFrom(transport.awaitOne(reply));
        assertThat(response.getError()).isEmpty();
        return response.getAckInbox();
    }

    private void send(String guid, String data) {
        transport.deliver(connected.getPubPrefix() + ".ch", "reply.pub." + guid, PubMsg.newBuilder()
                .setClientID("c").setGuid(guid).setSubject("ch").setData(ByteString.copyFromUtf8(data)).build()
                .toByteArray());
    }

    private void publish(String guid, String data) throws Exception {
        send(guid, data);
        assertThat(PubAck.parseFrom(transport.awaitOne("reply.pub." + guid)).getError()).isEmpty();
    }

    private void ack(String ackInbox, long sequence) {
        transport.deliver(ackInbox, "", Ack.newBuilder().setSubject("ch").setSequence(sequence).build().toByteArray());
    }

    private static long sequenceOf(byte[] delivery) throws Exception {
        return MsgProto.parseFrom(delivery).getSequence();
    }
}
