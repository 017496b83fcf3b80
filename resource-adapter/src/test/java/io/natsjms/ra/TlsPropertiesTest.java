package io.natsjms.ra;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.jms.NatsConnectionFactory;
import org.junit.jupiter.api.Test;

/** The TLS store properties reach the provider from the adapter, a connection factory and an activation. */
class TlsPropertiesTest {

    @Test
    void adapterStoresAreDefaultsAConnectionFactoryOverrides() {
        NatsResourceAdapter adapter = new NatsResourceAdapter();
        adapter.setServerUrls("tls://nats:4222");
        adapter.setTrustStore("/etc/natsjms/truststore.p12");
        adapter.setTrustStorePassword(" trust me ");
        adapter.setTrustStoreType("PKCS12");
        NatsManagedConnectionFactory managed = new NatsManagedConnectionFactory();
        managed.setKeyStore("/etc/natsjms/app.p12");
        managed.setKeyStorePassword("key");
        managed.setKeyStoreType("JKS");

        NatsConnectionFactory factory = managed.newFactory(adapter);

        assertThat(factory.getServerUrls()).isEqualTo("tls://nats:4222");
        assertThat(factory.getTrustStore()).isEqualTo("/etc/natsjms/truststore.p12");
        assertThat(factory.getTrustStorePassword()).as("passwords keep their spaces").isEqualTo(" trust me ");
        assertThat(factory.getTrustStoreType()).isEqualTo("PKCS12");
        assertThat(factory.getKeyStore()).isEqualTo("/etc/natsjms/app.p12");
        assertThat(factory.getKeyStorePassword()).isEqualTo("key");
        assertThat(factory.getKeyStoreType()).isEqualTo("JKS");
    }

    @Test
    void activationSpecTakesTheStoresAsActivationProperties() throws Exception {
        NatsResourceAdapter adapter = new NatsResourceAdapter();
        NatsActivationSpec spec = new NatsActivationSpec();
        spec.setDestination("orders");
        spec.setTrustStore("/etc/natsjms/truststore.p12");
        spec.setKeyStore("/etc/natsjms/mdb.p12");

        NatsConnectionFactory inbound = adapter.inboundFactory(spec, ActivationConfig.of(spec));

        assertThat(inbound.getTrustStore()).isEqualTo("/etc/natsjms/truststore.p12");
        assertThat(inbound.getKeyStore()).isEqualTo("/etc/natsjms/mdb.p12");
    }
}
