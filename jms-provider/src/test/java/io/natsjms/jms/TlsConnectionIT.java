package io.natsjms.jms;

import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.broker.BrokerTls;
import io.natsjms.server.config.SecuritySettings;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.testcerts.TestCertificates;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Topic;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The provider over TLS: {@code tls://} URLs with a trust store (the server's certificate verified), a key
 * store when the server requires client certificates, and clear errors when either side is missing.
 */
class TlsConnectionIT {

    static TestCertificates certs;

    @BeforeAll
    static void certificates() {
        certs = TestCertificates.shared();
    }

    private static NatsjmsServer start(boolean verify) throws IOException {
        BrokerTls tls = new BrokerTls(certs.serverCert(), certs.serverKey(), verify ? certs.caPem() : null, verify,
                BrokerTls.DEFAULT_TIMEOUT);
        return NatsjmsServer.start(ServerConfig.builder().clusterId("c").host("127.0.0.1").port(0)
                .security(SecuritySettings.none().withBrokerTls(tls)).build());
    }

    private static NatsConnectionFactory factory(String scheme, NatsjmsServer server) {
        NatsConnectionFactory factory = new NatsConnectionFactory(scheme + "://127.0.0.1:" + server.natsPort()
                + "?clusterId=c&connectTimeout=5000");
        factory.setTrustStore(certs.trustStore().toString());
        factory.setTrustStorePassword(TestCertificates.PASSWORD);
        factory.setTrustStoreType("PKCS12");
        return factory;
    }

    private static void sendAndReceive(NatsConnectionFactory factory) {
        try (JMSContext context = factory.createContext()) {
            Topic topic = context.createTopic("orders");
            var consumer = context.createConsumer(topic);
            context.createProducer().send(topic, "over tls");
            assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo("over tls");
        }
    }

    @Test
    void sendsAndReceivesWithTheServerCertificateVerified() throws Exception {
        try (NatsjmsServer server = start(false)) {
            sendAndReceive(factory("tls", server));
        }
    }

    @Test
    void trustStoreAsUrlParameters() throws Exception {
        try (NatsjmsServer server = start(false)) {
            sendAndReceive(new NatsConnectionFactory("tls://127.0.0.1:" + server.natsPort() + "?clusterId=c&trustStore="
                    + certs.trustStore() + "&trustStorePassword=" + TestCertificates.PASSWORD));
        }
    }

    @Test
    void serverCertificateNotTrustedIsAClearError() throws Exception {
        try (NatsjmsServer server = start(false)) {
            NatsConnectionFactory factory = new NatsConnectionFactory("tls://127.0.0.1:" + server.natsPort()
                    + "?clusterId=c&connectTimeout=5000");
            assertThatThrownBy(factory::createConnection).isInstanceOf(JMSException.class)
                    .hasMessageContaining("cannot connect to NATS").hasMessageContaining("certification path");
        }
    }

    @Test
    void plainUrlToATlsServerIsAClearError() throws Exception {
        try (NatsjmsServer server = start(false)) {
            NatsConnectionFactory factory = new NatsConnectionFactory("nats://127.0.0.1:" + server.natsPort()
                    + "?clusterId=c&connectTimeout=5000");
            assertThatThrownBy(factory::createConnection).isInstanceOf(JMSException.class)
                    .hasMessageContaining("SSL required by server");
        }
    }

    @Test
    void clientCertificateFromTheKeyStoreWhenTheServerVerifiesClients() throws Exception {
        try (NatsjmsServer server = start(true)) {
            NatsConnectionFactory factory = factory("tls", server);
            factory.setKeyStore(certs.clientKeyStore().toString());
            factory.setKeyStorePassword(TestCertificates.PASSWORD);
            sendAndReceive(factory);

            NatsConnectionFactory withoutKeyStore = factory("tls", server);
            withoutKeyStore.setConnectTimeout(3000);
            assertThatThrownBy(withoutKeyStore::createConnection).isInstanceOf(JMSException.class)
                    .hasMessageContaining("cannot connect to NATS");
        }
    }

    @Test
    void unreadableOrWrongStoreIsAClearError() throws Exception {
        try (NatsjmsServer server = start(false)) {
            NatsConnectionFactory missing = factory("tls", server);
            missing.setTrustStore(certs.trustStore() + ".missing");
            assertThatThrownBy(missing::createConnection).isInstanceOf(JMSException.class)
                    .hasMessageContaining("trustStore: \"" + certs.trustStore() + ".missing\" can't be read");

            NatsConnectionFactory wrongPassword = factory("tls", server);
            wrongPassword.setTrustStorePassword("wrong");
            assertThatThrownBy(wrongPassword::createConnection).isInstanceOf(JMSException.class)
                    .hasMessageContaining("can't be opened as PKCS12");

            NatsConnectionFactory badType = factory("tls", server);
            assertThatThrownBy(() -> badType.setTrustStoreType("NOPE")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("trustStoreType: \"NOPE\" (expected: a key store type of this JVM");
        }
    }
}
