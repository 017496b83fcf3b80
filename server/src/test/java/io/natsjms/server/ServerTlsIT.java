package io.natsjms.server;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.BrokerTls;
import io.natsjms.server.broker.NatsServerProcess;
import io.natsjms.server.config.NatsClientTls;
import io.natsjms.server.config.SecuritySettings;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.testcerts.TestCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The streaming server over TLS, with the official STAN Java client: on the embedded broker (server
 * certificate verified by the client, client certificates required with {@code verify}, plain clients
 * refused) and over an external nats-server that requires TLS and client certificates.
 */
class ServerTlsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CLUSTER = "tls-cluster";

    @TempDir
    static Path dir;
    static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.shared();
    }

    private static NatsjmsServer start(boolean verify) throws IOException {
        BrokerTls tls = new BrokerTls(certs.serverCert(), certs.serverKey(), verify ? certs.caPem() : null, verify,
                BrokerTls.DEFAULT_TIMEOUT);
        return NatsjmsServer.start(ServerConfig.builder().clusterId(CLUSTER).host("127.0.0.1").port(0)
                .security(SecuritySettings.none().withBrokerTls(tls)).build());
    }

    private static Connection nats(int port, SSLContext context) throws Exception {
        return nats(port, context, WAIT);
    }

    private static Connection nats(int port, SSLContext context, Duration timeout) throws Exception {
        return Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + port)
                .sslContext(context).maxReconnects(0).connectionTimeout(timeout).build());
    }

    /** Publishes on one connection and receives it on a subscription of the same: the round trip works. */
    private static void roundTrip(Connection nc, String clientId) throws Exception {
        try (StreamingConnection stan = NatsStreaming.connect(CLUSTER, clientId,
                new Options.Builder().natsConn(nc).connectWait(WAIT).build())) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            stan.subscribe("orders", m -> received.add(new String(m.getData(), StandardCharsets.UTF_8)),
                    new SubscriptionOptions.Builder().deliverAllAvailable().build());
            stan.publish("orders", "over tls".getBytes(StandardCharsets.UTF_8));
            assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("over tls");
        }
    }

    @Test
    void officialClientPublishesAndSubscribesOverTls() throws Exception {
        try (NatsjmsServer server = start(false); Connection nc = nats(server.natsPort(), certs.trustingContext())) {
            assertThat(nc.getServerInfo().isTLSRequired()).isTrue();
            roundTrip(nc, "tls-client");
        }
    }

    @Test
    void plainClientIsRefused() throws Exception {
        try (NatsjmsServer server = start(false)) {
            assertThatThrownBy(() -> NatsStreaming.connect(CLUSTER, "plain", new Options.Builder()
                    .natsUrl("nats://127.0.0.1:" + server.natsPort()).connectWait(WAIT).build()))
                    .isInstanceOf(IOException.class);
            assertThat(server.snapshot().clients()).isEmpty();
        }
    }

    @Test
    void clientCertificateIsRequiredWithVerify() throws Exception {
        try (NatsjmsServer server = start(true)) {
            try (Connection nc = nats(server.natsPort(), certs.clientContext())) {
                roundTrip(nc, "with-certificate");
            }
            Duration refused = Duration.ofSeconds(3);
            assertThatThrownBy(() -> nats(server.natsPort(), certs.trustingContext(), refused).flush(WAIT))
                    .as("no client certificate").isInstanceOf(Exception.class);
            assertThatThrownBy(() -> nats(server.natsPort(), certs.rogueContext(), refused).flush(WAIT))
                    .as("a certificate the CA did not sign").isInstanceOf(Exception.class);
        }
    }

    @Test
    void streamingServerConnectsToAnExternalNatsServerOverTls() throws Exception {
        BrokerTls natsTls = new BrokerTls(certs.serverCert(), certs.serverKey(), certs.caPem(), true,
                BrokerTls.DEFAULT_TIMEOUT);
        try (NatsServerProcess nats = NatsServerProcess.start(BrokerConfig.builder().tls(natsTls).build())) {
            String url = "tls://127.0.0.1:" + nats.port();
            ServerConfig config = ServerConfig.builder().clusterId(CLUSTER).natsUrl(url).security(SecuritySettings
                    .none().withNatsTls(new NatsClientTls(certs.clientCert(), certs.clientKey(), certs.caPem()))).build();
            try (NatsjmsServer server = NatsjmsServer.start(config);
                 Connection nc = nats(nats.port(), certs.clientContext())) {
                roundTrip(nc, "via-nats-server");
            }
            ServerConfig withoutCertificate = config.toBuilder().security(SecuritySettings.none()
                    .withNatsTls(new NatsClientTls(null, null, certs.caPem()))).build();
            assertThatThrownBy(() -> NatsjmsServer.start(withoutCertificate).close())
                    .as("nats-server requires a client certificate").isInstanceOf(IOException.class);
        }
    }

    @Test
    void unreadableCertificateFailsTheStartNamingTheFile() {
        BrokerTls missing = new BrokerTls(dir.resolve("nope.pem"), certs.serverKey(), null, false,
                BrokerTls.DEFAULT_TIMEOUT);
        assertThatThrownBy(() -> NatsjmsServer.start(ServerConfig.builder().clusterId(CLUSTER).host("127.0.0.1")
                .port(0).security(SecuritySettings.none().withBrokerTls(missing)).build()))
                .hasMessageContaining("nope.pem").hasMessageContaining("can't be read");
    }
}
