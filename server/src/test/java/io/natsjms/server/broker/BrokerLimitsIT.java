package io.natsjms.server.broker;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authentication, limits and protection, identical on the embedded broker and on nats-server. */
class BrokerLimitsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String QUIET = "CONNECT {\"verbose\":false,\"pedantic\":false}\r\n";

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private static BrokerConfig.Builder config() {
        return BrokerConfig.builder();
    }

    @BothBrokers
    void userAndPasswordAuthentication(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind, config().auth(BrokerConfig.Auth.userPassword("alice", "s3cret")).build());

        try (Connection good = Nats.connect(Options.builder().server(broker.url()).userInfo("alice", "s3cret").build())) {
            assertThat(good.getServerInfo().isAuthRequired()).isTrue();
            good.flush(WAIT);
        }
        assertThatThrownBy(() -> Nats.connect(Options.builder().server(broker.url()).userInfo("alice", "wrong")
                .maxReconnects(0).build())).hasMessageContaining("Authorization Violation");
        try (RawClient raw = RawClient.connect(broker.port())) {
            assertThat(raw.info()).contains("\"auth_required\":true");
            assertThat(raw.send("SUB foo 1\r\n").readUntilClosed()).isEqualTo("-ERR 'Authorization Violation'\r\n");
        }
    }

    @BothBrokers
    void tokenAuthentication(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind, config().auth(BrokerConfig.Auth.token("t0ken")).build());

        try (Connection good = Nats.connect(Options.builder().server(broker.url()).token("t0ken".toCharArray()).build())) {
            good.flush(WAIT);
        }
        try (RawClient raw = RawClient.connect(broker.port())) {
            assertThat(raw.send("CONNECT {\"auth_token\":\"other\"}\r\n").readUntilClosed())
                    .isEqualTo("-ERR 'Authorization Violation'\r\n");
        }
    }

    @BothBrokers
    void clientThatNeverAuthenticatesTimesOut(BrokerKind kind) {
        RunningBroker broker = brokers.start(kind, config().auth(BrokerConfig.Auth.token("t0ken"))
                .authTimeout(Duration.ofMillis(500)).build());
        try (RawClient raw = RawClient.connect(broker.port())) {
            assertThat(raw.readUntilClosed()).isEqualTo("-ERR 'Authentication Timeout'\r\n");
        }
    }

    @BothBrokers
    void maximumPayloadFromConfiguration(BrokerKind kind) {
        RunningBroker broker = brokers.start(kind, config().maxPayload(100).build());
        try (RawClient raw = RawClient.connect(broker.port())) {
            assertThat(raw.info()).contains("\"max_payload\":100");
            raw.send(QUIET + "PUB foo 100\r\n" + "x".repeat(100) + "\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
            assertThat(raw.send("PUB foo 101\r\n").readUntilClosed())
                    .isEqualTo("PONG\r\n-ERR 'Maximum Payload Violation'\r\n");
        }
    }

    @BothBrokers
    void maximumConnections(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind, config().maxConnections(2).build());
        List<Connection> open = new ArrayList<>();
        try {
            open.add(Nats.connect(broker.url()));
            open.add(Nats.connect(broker.url()));
            try (RawClient third = RawClient.connect(broker.port())) {
                assertThat(third.info()).startsWith("INFO {");
                assertThat(third.readUntilClosed()).isEqualTo("-ERR 'maximum connections exceeded'\r\n");
            }
            for (Connection connection : open) {
                connection.flush(WAIT);
            }
        } finally {
            for (Connection connection : open) {
                connection.close();
            }
        }
    }

    @BothBrokers
    void maximumControlLineFromConfiguration(BrokerKind kind) {
        RunningBroker broker = brokers.start(kind, config().maxControlLine(256).build());
        try (RawClient raw = RawClient.connect(broker.port())) {
            raw.send(QUIET + "SUB " + "a".repeat(200) + " 1\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
            assertThat(raw.send("SUB " + "b".repeat(300) + " 2\r\n").readUntilClosed())
                    .isEqualTo("PONG\r\n-ERR 'maximum control line exceeded'\r\n");
        }
    }

    @BothBrokers
    void staleConnectionIsClosedAfterMaxPingsOut(BrokerKind kind) {
        RunningBroker broker = brokers.start(kind, config().pingInterval(Duration.ofMillis(500)).maxPingsOut(2).build());
        try (RawClient raw = RawClient.connect(broker.port())) {
            raw.send(QUIET);
            // answering keeps the connection alive
            raw.readUntilEndsWith("PING\r\n");
            raw.send("PONG\r\n");
            raw.readUntilEndsWith("PING\r\nPING\r\n");
            raw.send("PONG\r\n");
            String rest = raw.readUntilClosed();
            assertThat(rest).isEqualTo("PING\r\nPING\r\nPING\r\nPING\r\n-ERR 'Stale Connection'\r\n");
        }
    }

    @BothBrokers
    void slowConsumerIsDroppedWithoutAffectingOthers(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind, config().maxPayload(64 * 1024).maxPending(256 * 1024)
                .writeDeadline(Duration.ofSeconds(2)).build());
        int messages = 20_480;
        byte[] payload = new byte[1024];
        try (RawClient slow = RawClient.connect(broker.port(), 4096);
             Connection good = Nats.connect(broker.url());
             Connection publisher = Nats.connect(broker.url())) {
            slow.send(QUIET + "SUB flood 1\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
            Subscription goodSub = good.subscribe("flood");
            good.flush(WAIT);

            // paced in batches the good consumer takes in before the next, so only the raw client falls behind
            int batch = 256;
            for (int sent = 0; sent < messages; sent += batch) {
                for (int i = 0; i < batch; i++) {
                    publisher.publish("flood", payload);
                }
                publisher.flush(WAIT);
                for (int i = 0; i < batch; i++) {
                    assertThat(goodSub.nextMessage(WAIT)).as("message %d of the good consumer", sent + i).isNotNull();
                }
            }
            assertThat(slow.isClosedByBroker(WAIT)).as("slow consumer disconnected").isTrue();
            assertThat(slow.receivedBytes()).isLessThan((long) messages * payload.length);
            assertThat(publisher.getStatus()).isEqualTo(Connection.Status.CONNECTED);
        }
    }
}
