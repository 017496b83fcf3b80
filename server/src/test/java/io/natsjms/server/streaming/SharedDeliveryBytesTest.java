package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A first delivery is serialized once and the same bytes go to every subscription, while each
 * redelivery gets its own bytes with its flag and count, and never changes what was shared. Runs the
 * engine (memory store) over a transport that records what is published.
 */
class SharedDeliveryBytesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final RecordingTransport transport = new RecordingTransport(WAIT);
    private final EngineLoop loop = new EngineLoop("test-engine");
    private Store store;
    private ConnectResponse connected;

    @AfterEach
    void close() {
        loop.close();
        if (store != null) {
            store.close();
        }
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
        ServerConfig config = ServerConfig.builder().clusterId("shared").build();
        store = StoreProvider.named(config.storeType().providerName())
                .open(new StoreConfig(config.dataDir(), config.storeLimits(), config.storeOptions()));
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

    /** Subscribes to "ch" from new messages only, with an ack wait of 1 s; returns the ack inbox. */
    private String subscribe(String inbox, String group) throws Exception {
        SubscriptionRequest.Builder request = SubscriptionRequest.newBuilder().setClientID("c").setSubject("ch")
                .setInbox(inbox).setMaxInFlight(10).setAckWaitInSecs(1).setStartPosition(StartPosition.NewOnly);
        if (group != null) {
            request.setQGroup(group);
        }
        String reply = "reply.sub." + inbox;
        transport.deliver(connected.getSubRequests(), reply, request.build().toByteArray());
        SubscriptionResponse response = SubscriptionResponse.parseFrom(transport.awaitOne(reply));
        assertThat(response.getError()).isEmpty();
        return response.getAckInbox();
    }

    private void publish(String guid, String data) throws Exception {
        String reply = "reply.pub." + guid;
        transport.deliver(connected.getPubPrefix() + ".ch", reply, PubMsg.newBuilder().setClientID("c")
                .setGuid(guid).setSubject("ch").setData(ByteString.copyFromUtf8(data)).build().toByteArray());
        assertThat(PubAck.parseFrom(transport.awaitOne(reply)).getError()).isEmpty();
    }

    private void ack(String ackInbox, long sequence) {
        transport.deliver(ackInbox, "", Ack.newBuilder().setSubject("ch").setSequence(sequence).build().toByteArray());
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
