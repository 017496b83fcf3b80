package io.natsjms.jms.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.stan.TlsStores;
import org.junit.jupiter.api.Test;

/** The trust and key store properties: URL parameters or properties, checked, passwords never shown. */
class TlsFactoryPropertiesTest {

    @Test
    void storesFromTheUrlAndFromProperties() {
        FactoryProperties properties = new FactoryProperties();
        properties.setUrl("tls://nats:4222?trustStore=/etc/t.p12&trustStorePassword=tp&trustStoreType=JKS");
        properties.set("keyStore", "/etc/k.p12");
        properties.set("keyStorePassword", "kp");

        assertThat(properties.toConfig().tls())
                .isEqualTo(new TlsStores("/etc/t.p12", "tp", "JKS", "/etc/k.p12", "kp", null));
        assertThat(properties.toConfig().servers()).containsExactly("tls://nats:4222");
        assertThat(properties.toString()).contains("trustStorePassword=****", "keyStorePassword=****")
                .doesNotContain("=tp", "=kp");
        assertThat(properties.toConfig().toString()).doesNotContain("tp", "kp");
    }

    @Test
    void noStoresByDefault() {
        assertThat(new FactoryProperties().toConfig().tls()).isEqualTo(TlsStores.none());
        assertThat(TlsStores.none().configured()).isFalse();
    }

    @Test
    void passwordWithoutStoreAndUnknownTypeAreRefused() {
        FactoryProperties properties = new FactoryProperties();
        properties.set("trustStorePassword", "x");
        assertThatThrownBy(properties::toConfig)
                .hasMessage("trustStorePassword: set without a trustStore (expected: a trustStore with it)");
        assertThatThrownBy(() -> properties.set("keyStoreType", "PEM"))
                .hasMessage("keyStoreType: \"PEM\" (expected: a key store type of this JVM, such as PKCS12 or JKS)");
    }
}
