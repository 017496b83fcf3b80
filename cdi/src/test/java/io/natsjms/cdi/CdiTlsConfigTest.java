package io.natsjms.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.jms.NatsConnectionFactory;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The TLS store properties of the default connection factory bean: natsjms.trustStore and the others. */
class CdiTlsConfigTest {

    @Test
    void storesFromTheFileAndSystemPropertiesReachTheFactory() {
        Properties file = new Properties();
        file.setProperty("natsjms.url", "tls://nats:4222");
        file.setProperty("natsjms.trustStore", "/etc/natsjms/truststore.p12");
        file.setProperty("natsjms.trustStorePassword", "from-file");
        Properties system = new Properties();
        system.setProperty("natsjms.trustStorePassword", "from-system");
        system.setProperty("natsjms.keyStore", "/etc/natsjms/app.p12");
        system.setProperty("natsjms.keyStorePassword", "k");
        system.setProperty("natsjms.keyStoreType", "PKCS12");

        NatsConnectionFactory factory = CdiConfig.merge(Optional.of(new CdiConfigFile.Contents("natsjms.properties",
                file)), system).newConnectionFactory();

        assertThat(factory.getServerUrls()).isEqualTo("tls://nats:4222");
        assertThat(factory.getTrustStore()).isEqualTo("/etc/natsjms/truststore.p12");
        assertThat(factory.getTrustStorePassword()).isEqualTo("from-system");
        assertThat(factory.getKeyStore()).isEqualTo("/etc/natsjms/app.p12");
        assertThat(factory.getKeyStorePassword()).isEqualTo("k");
        assertThat(factory.getKeyStoreType()).isEqualTo("PKCS12");
        assertThat(CdiConfig.knownNames()).contains("natsjms.trustStore", "natsjms.trustStorePassword",
                "natsjms.trustStoreType", "natsjms.keyStore", "natsjms.keyStorePassword", "natsjms.keyStoreType");
    }
}
