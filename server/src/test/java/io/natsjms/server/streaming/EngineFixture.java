package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
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
import java.util.function.UnaryOperator;

/**
 * The engine on its loop, over a {@link RecordingTransport} and the configured (memory) store, with one
 * client "c" connected: for tests that drive the engine with protocol messages and read what it publishes.
 * All requests go to channel "ch".
 */
final class EngineFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(10);

    final RecordingTransport transport = new RecordingTransport(WAIT);
    final EngineLoop loop = new EngineLoop("test-engine");
    private Store store;
    private Engine engine;
    private ConnectResponse connected;

    /** Opens the store ({@code wrap} may put a test store around it), starts the engine and connects "c". */
    EngineFixture start(String clusterId, UnaryOperator<Store> wrap) throws Exception {
        ServerConfig config = ServerConfig.builder().clusterId(clusterId).build();
        store = wrap.apply(StoreProvider.named(config.storeType().providerName())
                .open(new StoreConfig(config.dataDir(), config.storeLimits(), config.storeOptions())));
        engine = new Engine(config, config.subjects(), loop, transport, store);
        EngineWiring wiring = new EngineWiring(engine);
        loop.call(() -> {
            wiring.listen();
            return null;
        });
        transport.deliver(config.subjects().discovery(), "reply.connect", ConnectRequest.newBuilder()
                .setClientID("c").setHeartbeatInbox("hb.c").build().toByteArray());
        connected = ConnectResponse.parseFrom(transport.awaitOne("reply.connect"));
        return this;
    }

    /** When the engine's store commits (for tests of where a commit is forced). */
    Commits commits() {
        return engine.commits;
    }

    ConnectResponse connected() {
        return connected;
    }

    /** Subscribes to "ch" (answered on "reply.sub.{inbox}"); returns the ack inbox. */
    String subscribe(String inbox, String group, int maxInFlight, int ackWaitSeconds, StartPosition start)
            throws Exception {
        SubscriptionRequest.Builder request = SubscriptionRequest.newBuilder().setClientID("c").setSubject("ch")
                .setInbox(inbox).setMaxInFlight(maxInFlight).setAckWaitInSecs(ackWaitSeconds).setStartPosition(start);
        if (group != null) {
            request.setQGroup(group);
        }
        String reply = "reply.sub." + inbox;
        requestSubscription(reply, request.build());
        SubscriptionResponse response = SubscriptionResponse.parseFrom(transport.awaitOne(reply));
        assertThat(response.getError()).isEmpty();
        return response.getAckInbox();
    }

    /** Sends a subscription request without waiting for its answer. */
    void requestSubscription(String reply, SubscriptionRequest request) {
        transport.deliver(connected.getSubRequests(), reply, request.toByteArray());
    }

    /** Publishes to "ch" without waiting; the PubAck goes to "reply.pub.{guid}". */
    void send(String guid, String data) {
        transport.deliver(connected.getPubPrefix() + ".ch", "reply.pub." + guid, PubMsg.newBuilder()
                .setClientID("c").setGuid(guid).setSubject("ch").setData(ByteString.copyFromUtf8(data)).build()
                .toByteArray());
    }

    /** Publishes to "ch" and waits for a PubAck without error. */
    void publish(String guid, String data) throws Exception {
        send(guid, data);
        assertThat(pubAck(guid).getError()).isEmpty();
    }

    PubAck pubAck(String guid) throws Exception {
        return PubAck.parseFrom(transport.awaitOne("reply.pub." + guid));
    }

    void ack(String ackInbox, long sequence) {
        transport.deliver(ackInbox, "", Ack.newBuilder().setSubject("ch").setSequence(sequence).build().toByteArray());
    }

    /** Waits until the engine has handled everything handed to it so far. */
    void settle() {
        loop.call(() -> null);
    }

    @Override
    public void close() {
        loop.close();
        if (store != null) {
            store.close();
        }
    }
}
