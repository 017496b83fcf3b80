package io.natsjms.server.broker;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import io.natsjms.server.testcerts.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS on the client port, the NATS way (INFO in plain text with {@code tls_required}, then the handshake),
 * on the embedded broker and on nats-server configured alike: jnats connects with the CA trusted, a plain
 * client is refused, and with {@code verify} only a client certificate signed by the CA gets in.
 */
class BrokerTlsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** How long a connect that is refused may take (jnats may only notice at its timeout). */
    private static final Duration REFUSED = Duration.ofSeconds(3);

    static TestCertificates certs;

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.shared();
    }

    private static BrokerConfig tls(boolean verify) {
        return BrokerConfig.builder().tls(new BrokerTls(certs.serverCert(), certs.serverKey(),
                verify ? certs.caPem() : null, verify, BrokerTls.DEFAULT_TIMEOUT)).build();
    }

    private static Options.Builder options(RunningBroker broker, SSLContext context) {
        return Options.builder().server(broker.url()).sslContext(context).maxReconnects(0)
                .connectionTimeout(WAIT);
    }

    @BothBrokers
    void clientTrustingTheCaExchangesMessagesOverTls(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind, tls(false));

        try (Connection nc = Nats.connect(options(broker, certs.trustingContext()).build())) {
            assertThat(nc.getServerInfo().isTLSRequired()).isTrue();
            Subscription sub = nc.subscribe("greetings");
            nc.publish("greetings", "hello".getBytes(StandardCharsets.UTF_8));
            Message message = sub.nextMessage(WAIT);
            assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
        try (RawClient raw = RawClient.connect(broker.port())) {
            assertThat(raw.info()).contains("\"tls_required\":true").doesNotContain("tls_verify");
        }
    }

    @BothBrokers
    void plainClientIsRefused(BrokerKind kind) {
        RunningBroker broker = brokers.start(kind, tls(false));

        List<Exception> reported = new CopyOnWriteArrayList<>();
        ErrorListener listener = new ErrorListener() {
            @Override
            public void exceptionOccurred(Connection conn, Exception exp) {
                reported.add(exp);
            }
        };
        assertThatThrownBy(() -> Nats.connect(Options.builder().server(broker.url()).maxReconnects(0)
                .errorListener(listener).build())).hasMessageContaining("Unable to connect");
        assertThat(reported).anySatisfy(e -> assertThat(e).hasStackTraceContaining("SSL required by server"));
    }

    @BothBrokers
    void clientThatSpeaksPlainProtocolIsClosed(BrokerKind kind) {
        RunningBroker broker = brokers.start(kind, tls(false));

        try (RawClient raw = RawClient.connect(broker.port())) {
            raw.info();
            String reply = raw.send("CONNECT {\"verbose\":false}\r\nPING\r\n").readUntilClosed();
            if (kind == BrokerKind.EMBEDDED) {
                assertThat(reply).isEqualTo("-ERR 'Secure Connection - TLS Required'\r\n");
            } else {
                assertThat(reply).doesNotContain("PONG");
            }
        }
    }

    @BothBrokers
    void clientCertificatesAreRequiredWithVerify(BrokerKind kind) throws Exception {
        RunningBroker broker = brokers.start(kind, tls(true));

        try (Connection nc = Nats.connect(options(broker, certs.clientContext()).build())) {
            nc.flush(WAIT);
        }
        try (RawClient raw = RawClient.connect(broker.port())) {
            assertThat(raw.info()).contains("\"tls_required\":true").contains("\"tls_verify\":true");
        }
        assertThatThrownBy(() -> connectAndFlush(options(broker, certs.trustingContext()).connectionTimeout(REFUSED)
                .build())).as("no client certificate").isInstanceOf(Exception.class);
        assertThatThrownBy(() -> connectAndFlush(options(broker, certs.rogueContext()).connectionTimeout(REFUSED)
                .build())).as("a certificate the CA did not sign").isInstanceOf(Exception.class);
    }

    private static void connectAndFlush(Options options) throws Exception {
        try (Connection nc = Nats.connect(options)) {
            nc.flush(WAIT);
        }
    }
}
