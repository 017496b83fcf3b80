package io.natsjms.ra;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.jms.NatsConnectionFactory;
import org.junit.jupiter.api.Test;

/** One property set: the adapter's values are defaults, a connection factory or activation overrides them. */
class ConnectionPropertiesTest {

    @Test
    void theLowerLevelOverridesTheAdapter() {
        NatsResourceAdapter adapter = new NatsResourceAdapter();
        adapter.setServerUrls("nats://a:4222,nats://b:4222");
        adapter.setClusterId("prod");
        adapter.setConnectTimeout("5000");
        NatsManagedConnectionFactory managed = new NatsManagedConnectionFactory();
        managed.setClusterId("other");
        managed.setUser("sender");

        NatsConnectionFactory factory = managed.newFactory(adapter);

        assertThat(factory.getServerUrls()).isEqualTo("nats://a:4222,nats://b:4222");
        assertThat(factory.getClusterId()).isEqualTo("other");
        assertThat(factory.getUser()).isEqualTo("sender");
        assertThat(factory.getConnectTimeout()).isEqualTo(5000);
    }

    @Test
    void aBlankValueIsNotSet() {
        NatsActivationSpec spec = new NatsActivationSpec();
        spec.setClusterId("x");
        spec.setClusterId("  ");

        assertThat(spec.getClusterId()).isNull();
        assertThat(spec.values()).isEmpty();
    }

    @Test
    void passwordsKeepTheirSpaces() {
        NatsActivationSpec spec = new NatsActivationSpec();
        spec.setPassword(" secret ");
        spec.setUser(" user ");

        assertThat(spec.getPassword()).isEqualTo(" secret ");
        assertThat(spec.getUser()).isEqualTo("user");
    }

    @Test
    void managedConnectionFactoriesAreEqualWhenConfiguredAlike() {
        NatsManagedConnectionFactory one = new NatsManagedConnectionFactory();
        NatsManagedConnectionFactory two = new NatsManagedConnectionFactory();
        one.setClusterId("c");
        two.setClusterId("c");

        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
        two.setUser("u");
        assertThat(one).isNotEqualTo(two);
    }

    @Test
    void activationsGetTheirClientIdAndWindowAndEveryConnectionThePrefix() throws Exception {
        NatsResourceAdapter adapter = new NatsResourceAdapter();
        adapter.setClientIdPrefix("web");
        NatsActivationSpec spec = new NatsActivationSpec();
        spec.setDestination("orders");
        spec.setClientId("billing");
        spec.setMaxInFlight(3);
        spec.setAckWait(9);

        NatsConnectionFactory inbound = adapter.inboundFactory(spec, ActivationConfig.of(spec));
        NatsConnectionFactory outbound = adapter.outboundFactory(new NatsManagedConnectionFactory());

        assertThat(inbound.getClientId()).isEqualTo("billing");
        assertThat(inbound.getMaxInFlight()).isEqualTo(3);
        assertThat(inbound.getAckWait()).isEqualTo(9);
        assertThat(outbound.getClientId()).isNull();
        assertThat(inbound.getClientIdPrefix()).isEqualTo("web");
        assertThat(outbound.getClientIdPrefix()).isEqualTo("web");
    }
}
