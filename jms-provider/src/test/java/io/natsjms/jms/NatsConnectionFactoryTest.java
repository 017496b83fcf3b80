package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.jms.message.ClassAllowList;
import io.natsjms.jms.message.CodecOptions;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatsConnectionFactoryTest {

    @Test
    void theDefaultFactoryHasTheDefaultConfig() throws Exception {
        NatsConnectionFactory factory = new NatsConnectionFactory();

        assertThat(factory.toConfig()).isEqualTo(ProviderConfig.defaults());
        assertThat(factory.toConfig().servers()).containsExactly("nats://localhost:4222");
        assertThat(factory.toConfig().clusterId()).isEqualTo(ProviderConfig.DEFAULT_CLUSTER_ID);
        assertThat(factory.getUrl()).isNull();
        assertThat(factory.toProperties()).isEmpty();
    }

    @Test
    void theUrlConfiguresEverything() throws Exception {
        NatsConnectionFactory factory = new NatsConnectionFactory("nats://u:p@h1:4222,h2:4223?clusterId=prod"
                + "&clientId=orders&connectTimeout=2500&pubAckTimeout=PT1M&maxInFlight=50&ackWait=60"
                + "&sendRawBodies=true&nonEnvelopeAsText=true&objectClassAllowList=a.b,c.D&pingInterval=PT2S"
                + "&pingMaxOut=5");

        assertThat(factory.toConfig()).isEqualTo(new ProviderConfig(List.of("nats://h1:4222", "nats://h2:4223"),
                "prod", "orders", "u", "p", Duration.ofMillis(2500), Duration.ofMinutes(1), 50,
                Duration.ofSeconds(60), true, new CodecOptions(true, new ClassAllowList(List.of("a.b", "c.D"))),
                Duration.ofSeconds(2), 5));
    }

    @Test
    void settersConfigureEverythingAndGettersShowIt() throws Exception {
        NatsConnectionFactory factory = new NatsConnectionFactory();
        factory.setServerUrls("nats://h1:4222,tls://h2:4443");
        factory.setClusterId("prod");
        factory.setClientId("orders");
        factory.setUser("u");
        factory.setPassword("p");
        factory.setConnectTimeout(2500);
        factory.setPubAckTimeout(60_000);
        factory.setMaxInFlight(50);
        factory.setAckWait(60);
        factory.setSendRawBodies(true);
        factory.setNonEnvelopeAsText(true);
        factory.setObjectClassAllowList("a.b, c.D");
        factory.setPingInterval(2000);
        factory.setPingMaxOut(5);

        assertThat(factory.toConfig()).isEqualTo(new ProviderConfig(List.of("nats://h1:4222", "tls://h2:4443"),
                "prod", "orders", "u", "p", Duration.ofMillis(2500), Duration.ofMinutes(1), 50,
                Duration.ofSeconds(60), true, new CodecOptions(true, new ClassAllowList(List.of("a.b", "c.D"))),
                Duration.ofSeconds(2), 5));
        assertThat(factory.getServerUrls()).isEqualTo("nats://h1:4222,tls://h2:4443");
        assertThat(factory.getClusterId()).isEqualTo("prod");
        assertThat(factory.getClientId()).isEqualTo("orders");
        assertThat(factory.getUser()).isEqualTo("u");
        assertThat(factory.getPassword()).isEqualTo("p");
        assertThat(factory.getConnectTimeout()).isEqualTo(2500);
        assertThat(factory.getPubAckTimeout()).isEqualTo(60_000);
        assertThat(factory.getMaxInFlight()).isEqualTo(50);
        assertThat(factory.getAckWait()).isEqualTo(60);
        assertThat(factory.isSendRawBodies()).isTrue();
        assertThat(factory.isNonEnvelopeAsText()).isTrue();
        assertThat(factory.getObjectClassAllowList()).isEqualTo("a.b,c.D");
        assertThat(factory.getPingInterval()).isEqualTo(2000);
        assertThat(factory.getPingMaxOut()).isEqualTo(5);
    }

    @Test
    void gettersShowTheDefaults() {
        NatsConnectionFactory factory = new NatsConnectionFactory();

        assertThat(factory.getServerUrls()).isEqualTo("nats://localhost:4222");
        assertThat(factory.getClusterId()).isEqualTo("test-cluster");
        assertThat(factory.getClientId()).isNull();
        assertThat(factory.getUser()).isNull();
        assertThat(factory.getPassword()).isNull();
        assertThat(factory.getConnectTimeout()).isEqualTo(2000);
        assertThat(factory.getPubAckTimeout()).isEqualTo(30_000);
        assertThat(factory.getMaxInFlight()).isEqualTo(1024);
        assertThat(factory.getAckWait()).isEqualTo(30);
        assertThat(factory.isSendRawBodies()).isFalse();
        assertThat(factory.isNonEnvelopeAsText()).isFalse();
        assertThat(factory.getObjectClassAllowList()).isEqualTo("java.lang,java.util,java.time,java.math");
        assertThat(factory.getPingInterval()).isEqualTo(5000);
        assertThat(factory.getPingMaxOut()).isEqualTo(88);
    }

    @Test
    void aPropertySetOnItsOwnWinsOverTheUrlWhateverTheOrder() throws Exception {
        NatsConnectionFactory factory = new NatsConnectionFactory();
        factory.setClusterId("mine");
        factory.setUrl("nats://h:4222?clusterId=url&maxInFlight=7");
        factory.setMaxInFlight(9);

        assertThat(factory.toConfig().clusterId()).isEqualTo("mine");
        assertThat(factory.toConfig().maxInFlight()).isEqualTo(9);
        assertThat(factory.toConfig().servers()).containsExactly("nats://h:4222");

        factory.setClusterId(null);
        assertThat(factory.getClusterId()).isEqualTo("url");
        factory.setClusterId("  ");
        assertThat(factory.getClusterId()).isEqualTo("url");
    }

    @Test
    void aNewUrlReplacesThePreviousUrlsParameters() {
        NatsConnectionFactory factory = new NatsConnectionFactory("nats://u:p@a:4222?clusterId=one&maxInFlight=7");
        factory.setUrl("nats://b:4222");

        assertThat(factory.getUrl()).isEqualTo("nats://b:4222");
        assertThat(factory.getServerUrls()).isEqualTo("nats://b:4222");
        assertThat(factory.getClusterId()).isEqualTo(ProviderConfig.DEFAULT_CLUSTER_ID);
        assertThat(factory.getMaxInFlight()).isEqualTo(1024);
        assertThat(factory.getUser()).isNull();

        factory.setUrl(null);
        assertThat(factory.getUrl()).isNull();
        assertThat(factory.getServerUrls()).isEqualTo("nats://localhost:4222");
    }

    @Test
    void setPropertyTakesUrlTextByName() {
        NatsConnectionFactory factory = new NatsConnectionFactory();
        factory.setProperty("url", "nats://h:1?ackWait=PT2M");
        factory.setProperty("connectTimeout", "PT3S");
        factory.setProperty("objectClassAllowList", "*");

        assertThat(factory.getAckWait()).isEqualTo(120);
        assertThat(factory.getConnectTimeout()).isEqualTo(3000);
        assertThat(factory.toProperties()).containsExactly(Map.entry("serverUrls", "nats://h:1"),
                Map.entry("connectTimeout", "3000"), Map.entry("ackWait", "120"),
                Map.entry("objectClassAllowList", "*"));
    }

    @Test
    void badValuesAreRefusedAtOnceNamingThem() {
        NatsConnectionFactory factory = new NatsConnectionFactory();

        assertThatThrownBy(() -> factory.setMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxInFlight: 0 (expected: >= 1)");
        assertThatThrownBy(() -> factory.setAckWait(0)).hasMessage("ackWait: 0 (expected: whole seconds, >= 1)");
        assertThatThrownBy(() -> factory.setConnectTimeout(-5)).hasMessage("connectTimeout: -5 (expected: > 0)");
        assertThatThrownBy(() -> factory.setPubAckTimeout(0)).hasMessage("pubAckTimeout: 0 (expected: > 0)");
        assertThatThrownBy(() -> factory.setPingInterval(1001))
                .hasMessage("pingInterval: 1001 (expected: whole seconds, or milliseconds below one second)");
        assertThatThrownBy(() -> factory.setPingMaxOut(1)).hasMessage("pingMaxOut: 1 (expected: >= 2)");
        assertThatThrownBy(() -> factory.setClusterId("a b"))
                .hasMessage("clusterId: \"a b\" (expected: one or more of a-z, A-Z, 0-9, '-' and '_')");
        assertThatThrownBy(() -> factory.setServerUrls("ws://h:80"))
                .hasMessage("serverUrls: \"ws://h:80\" (expected: nats://host[:port] or tls://host[:port])");
        assertThatThrownBy(() -> factory.setServerUrls("nats://u:secret@h:4222"))
                .hasMessage("serverUrls: user info in a server URL (expected: host[:port] only; give credentials"
                        + " with user and password, or in the url)");
        assertThatThrownBy(() -> factory.setObjectClassAllowList("java.util,"))
                .hasMessage("objectClassAllowList: class allow-list entry: \"\" (expected: a package or class name"
                        + " such as java.util, or *)");
        assertThatThrownBy(() -> factory.setProperty("nope", "x"))
                .hasMessageStartingWith("property: \"nope\" (expected: url or one of serverUrls, clusterId,");
        assertThatThrownBy(() -> new NatsConnectionFactory("nats://h?maxInFlight=0"))
                .hasMessage("maxInFlight: 0 (expected: >= 1)");
        assertThat(factory.toProperties()).isEmpty();
    }

    @Test
    void valuesThatDoNotFitTogetherFailWhenConnecting() {
        NatsConnectionFactory factory = new NatsConnectionFactory("nats://h:4222?password=secret");

        assertThatThrownBy(factory::toConfig).isInstanceOf(JMSException.class)
                .hasMessage("connection factory: password: set without a user (expected: a user with it)")
                .hasCauseInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(((JMSException) e).getLinkedException())
                        .isInstanceOf(IllegalArgumentException.class));
        assertThatThrownBy(factory::createConnection).isInstanceOf(JMSException.class)
                .hasMessageContaining("password: set without a user");
        assertThatThrownBy(factory::createQueueConnection).hasMessageContaining("password: set without a user");
        assertThatThrownBy(factory::createTopicConnection).hasMessageContaining("password: set without a user");
        assertThatThrownBy(factory::createContext).isInstanceOf(JMSRuntimeException.class)
                .hasMessage("connection factory: password: set without a user (expected: a user with it)");
    }

    @Test
    void aBadSessionModeFailsBeforeConnecting() {
        NatsConnectionFactory factory = new NatsConnectionFactory("nats://h:4222?password=secret");

        assertThatThrownBy(() -> factory.createContext(7)).isInstanceOf(JMSRuntimeException.class)
                .hasMessage("sessionMode: 7 (expected: AUTO_ACKNOWLEDGE (1), CLIENT_ACKNOWLEDGE (2), "
                        + "DUPS_OK_ACKNOWLEDGE (3) or SESSION_TRANSACTED (0))");
        assertThatThrownBy(() -> factory.createContext("u", "p", -1)).isInstanceOf(JMSRuntimeException.class)
                .hasMessageStartingWith("sessionMode: -1 (expected:");
    }

    @Test
    void aSerializedFactoryKeepsItsConfiguration() throws Exception {
        NatsConnectionFactory factory = new NatsConnectionFactory("nats://u:p@h1:4222,h2?clusterId=prod&ackWait=PT1M");
        factory.setMaxInFlight(3);
        factory.setObjectClassAllowList("com.example");

        NatsConnectionFactory copy = roundTrip(factory);

        assertThat(copy.toConfig()).isEqualTo(factory.toConfig());
        assertThat(copy.getUrl()).isEqualTo(factory.getUrl());
        assertThat(copy.toProperties()).isEqualTo(factory.toProperties());
        copy.setMaxInFlight(4);
        assertThat(factory.getMaxInFlight()).isEqualTo(3);
    }

    @Test
    void toStringHidesThePassword() {
        NatsConnectionFactory factory = new NatsConnectionFactory("nats://u:secret@h:4222");

        assertThat(factory.toString()).contains("user=u", "password=****", "serverUrls=nats://h:4222")
                .doesNotContain("secret");
    }

    private static NatsConnectionFactory roundTrip(NatsConnectionFactory factory) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(factory);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (NatsConnectionFactory) in.readObject();
        }
    }
}
