package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery whose publish fails (as when the NATS connection's outgoing queue is full) is pending
 * all the same, so it is redelivered at its ack wait instead of being skipped for ever. Runs the
 * engine over a transport that records what is published and fails the first publish to the
 * subscriber's inbox.
 */
class FailedDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INBOX = "inbox.subscriber";

    private final RecordingTransport transport = new RecordingTransport(WAIT);
    private final EngineLoop loop = new EngineLoop("test-engine");
    private Store store;

    @AfterEach
    void close() {
        loop.close();
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aDeliveryWhosePublishFailedIsRedelivered() throws Exception {
        ServerConfig config = ServerConfig.builder().clusterId("failing").build();
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
        ConnectResponse connected = ConnectResponse.parseFrom(transport.awaitOne("reply.connect"));
        transport.deliver(connected.getSubRequests(), "reply.sub", SubscriptionRequest.newBuilder()
                .setClientID("c").setSubject("ch").setInbox(INBOX).setMaxInFlight(10).setAckWaitInSecs(1)
                .setStartPosition(StartPosition.NewOnly).build().toByteArray());
        assertThat(SubscriptionResponse.parseFrom(transport.awaitOne("reply.sub")).getError()).isEmpty();
        transport.failNextPublishTo(INBOX);

        transport.deliver(connected.getPubPrefix() + ".ch", "reply.pub", PubMsg.newBuilder().setClientID("c")
                .setGuid("g1").setSubject("ch").setData(ByteString.copyFromUtf8("once")).build().toByteArray());

        assertThat(PubAck.parseFrom(transport.awaitOne("reply.pub")).getError()).isEmpty();
        MsgProto redelivered = MsgProto.parseFrom(transport.awaitOne(INBOX));
        assertThat(redelivered.getSequence()).isEqualTo(1);
        assertThat(redelivered.getRedelivered()).isTrue();
        assertThat(redelivered.getData().toStringUtf8()).isEqualTo("once");
    }
}
