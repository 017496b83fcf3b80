package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Activations survive a restart of the streaming server, reconnecting themselves when the server forgot them. */
class ReconnectIT {

    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final Logger activationLog = Logger.getLogger(Activation.class.getName());
    private final Handler recorder = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                warnings.add(new java.util.logging.SimpleFormatter().formatMessage(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void recordWarnings() {
        activationLog.addHandler(recorder);
    }

    @AfterEach
    void stopRecording() {
        activationLog.removeHandler(recorder);
    }

    @Test
    void aDurableActivationResumesAfterAPersistentServerRestarts(@TempDir Path data) throws Exception {
        try (Harness harness = new Harness(TestServer.persistent(data))) {
            FakeEndpointFactory mdb = new FakeEndpointFactory(null);
            NatsActivationSpec spec = harness.spec("orders");
            spec.setSubscriptionDurability("Durable");
            spec.setSubscriptionName("billing");
            spec.setPingInterval("1000");
            // a message the server sends while the client is still reconnecting is lost on the wire and
            // redelivered after the ack wait
            spec.setAckWait(2);
            harness.activate(mdb, spec);
            harness.awaitSubscribers("orders", 1);
            publishWithNewConnection(harness, "a");
            await().atMost(PATIENCE).until(() -> mdb.texts().size() == 1);
            await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);

            harness.server.stop();
            harness.server.startAgain();
            publishWithNewConnection(harness, "b");

            await().atMost(PATIENCE).until(() -> mdb.texts().size() >= 2);
            assertThat(mdb.texts()).containsExactly("a", "b");
            await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        }
    }

    @Test
    void anActivationTheServerForgotReconnectsWithBackoffAndSaysSo() throws Exception {
        try (Harness harness = new Harness(TestServer.memory())) {
            FakeEndpointFactory mdb = new FakeEndpointFactory(null);
            NatsActivationSpec spec = harness.spec("orders");
            spec.setPingInterval("1000");
            harness.activate(mdb, spec);
            harness.awaitSubscribers("orders", 1);
            publishWithNewConnection(harness, "a");
            await().atMost(PATIENCE).until(() -> mdb.texts().size() == 1);

            harness.server.stop();
            harness.server.startAgain();

            harness.awaitSubscribers("orders", 1);
            publishWithNewConnection(harness, "b");
            await().atMost(PATIENCE).until(() -> mdb.texts().size() >= 2);
            assertThat(mdb.texts()).containsExactly("a", "b");
            assertThat(warnings).anySatisfy(line -> assertThat(line).contains("lost its connection").contains("reconnecting in"));
            assertThat(mdb.endpointsReleased()).isEqualTo(1);
            assertThat(mdb.protocolErrors()).isEmpty();
        }
    }

    /** Publishes with a connection of its own, retried while the server is still coming back. */
    private static void publishWithNewConnection(Harness harness, String text) {
        await().atMost(PATIENCE).ignoreExceptions().until(() -> {
            try (Connection connection = harness.clientFactory().createConnection()) {
                Session session = connection.createSession();
                session.createProducer(session.createTopic("orders")).send(session.createTextMessage(text));
                return true;
            }
        });
    }
}
