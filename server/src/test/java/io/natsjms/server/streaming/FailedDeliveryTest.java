package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.nats.client.NUID;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
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

    private final RecordingTransport transport = new RecordingTransport();
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

    /** Hands messages to the engine's handlers and keeps what the engine publishes, by subject. */
    private static final class RecordingTransport implements Transport {

        private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
        private final Map<String, List<byte[]>> published = new ConcurrentHashMap<>();
        private volatile String failing;
        private final AtomicBoolean failed = new AtomicBoolean();
        private final NUID nuid = new NUID();

        void failNextPublishTo(String subject) {
            failing = subject;
        }

        /** Sends a message to the handler whose subject (or {@code prefix.>} wildcard) matches. */
        void deliver(String subject, String replyTo, byte[] data) {
            handlers.entrySet().stream()
                    .filter(e -> e.getKey().equals(subject)
                            || e.getKey().endsWith(".>") && subject.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("nobody listens on " + subject))
                    .getValue().onMessage(subject, replyTo, data);
        }

        byte[] awaitOne(String subject) {
            await(subject).atMost(WAIT).until(() -> !published.getOrDefault(subject, List.of()).isEmpty());
            return published.get(subject).get(0);
        }

        @Override
        public void subscribe(String subject, Handler handler) {
            handlers.put(subject, handler);
        }

        @Override
        public void publish(String subject, byte[] data) {
            if (subject.equals(failing) && failed.compareAndSet(false, true)) {
                throw new IllegalStateException("Output queue is full (simulated)");
            }
            published.computeIfAbsent(subject, s -> new CopyOnWriteArrayList<>()).add(data);
        }

        @Override
        public CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout) {
            return new CompletableFuture<>(); // heartbeats: never answered within this test
        }

        @Override
        public void flush(Duration timeout) {
        }

        @Override
        public long maxPayload() {
            return 1024 * 1024;
        }

        @Override
        public String uniqueToken() {
            return nuid.next();
        }

        @Override
        public void close() {
        }
    }
}
