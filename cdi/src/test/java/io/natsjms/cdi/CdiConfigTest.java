package io.natsjms.cdi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.jms.NatsConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdiConfigTest {

    @Test
    void knowsTheUrlEveryFactoryPropertyAndTheScope() {
        assertThat(CdiConfig.knownNames())
                .startsWith("natsjms.url", "natsjms.serverUrls", "natsjms.clusterId", "natsjms.clientId")
                .contains("natsjms.ackWait", "natsjms.maxInFlight", "natsjms.objectClassAllowList")
                .endsWith("natsjms.cdi.jmsContext")
                .doesNotContain("natsjms.config");
    }

    @Test
    void systemPropertiesWinOverTheFile() {
        Properties file = properties("natsjms.clusterId", "from-file", "natsjms.ackWait", "60");
        Properties system = properties("natsjms.clusterId", "from-system", "natsjms.cdi.jmsContext", "dependent");

        CdiConfig config = CdiConfig.merge(Optional.of(new CdiConfigFile.Contents("test", file)), system);

        assertThat(config.factoryProperties())
                .containsExactly(Map.entry("clusterId", "from-system"), Map.entry("ackWait", "60"));
        assertThat(config.jmsContext()).isEqualTo(JmsContextBean.DEPENDENT);
    }

    @Test
    void nothingSetMeansTheFactoryDefaultsAndRequestScope() {
        CdiConfig config = CdiConfig.merge(Optional.empty(), new Properties());

        assertThat(config.factoryProperties()).isEmpty();
        assertThat(config.jmsContext()).isEqualTo(JmsContextBean.REQUEST);
        assertThat(config.newConnectionFactory().toProperties()).isEmpty();
    }

    @Test
    void theClientIdPrefixReachesTheFactory() throws Exception {
        Properties system = properties("natsjms.clientIdPrefix", "shop", "natsjms.clientId", "billing");

        NatsConnectionFactory factory = CdiConfig.merge(Optional.empty(), system).newConnectionFactory();

        assertThat(factory.getClientIdPrefix()).isEqualTo("shop");
        assertThat(factory.toConfig().stanClientId("billing")).isEqualTo("shop_billing");
    }

    @Test
    void otherSystemPropertiesAreLeftAlone() {
        Properties system = properties("natsjms.requireNatsServer", "true", "natsjms.clusterID", "typo", "user.name", "x");

        assertThat(CdiConfig.merge(Optional.empty(), system).factoryProperties()).isEmpty();
    }

    @Test
    void anUnknownNameInTheFileIsAnError() {
        Properties file = properties("natsjms.clusterId", "c", "clusterId", "c");

        assertThatThrownBy(() -> CdiConfig.merge(Optional.of(new CdiConfigFile.Contents("app.properties", file)),
                new Properties()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("clusterId in app.properties: unknown property (expected: one of natsjms.url, ");
    }

    @Test
    void theFactoryGetsEveryPropertyThroughItsOneTable() {
        Properties system = properties("natsjms.url", "nats://h1:4222,h2:4222?clusterId=prod&ackWait=60",
                "natsjms.clientId", "billing", "natsjms.maxInFlight", "5", "natsjms.connectTimeout", "PT3S");

        NatsConnectionFactory factory = CdiConfig.merge(Optional.empty(), system).newConnectionFactory();

        assertThat(factory.getServerUrls()).isEqualTo("nats://h1:4222,nats://h2:4222");
        assertThat(factory.getClusterId()).isEqualTo("prod");
        assertThat(factory.getAckWait()).isEqualTo(60);
        assertThat(factory.getClientId()).isEqualTo("billing");
        assertThat(factory.getMaxInFlight()).isEqualTo(5);
        assertThat(factory.getConnectTimeout()).isEqualTo(3000);
    }

    @Test
    void aBadValueIsNamedWithItsConfigurationName() {
        CdiConfig config = CdiConfig.merge(Optional.empty(), properties("natsjms.maxInFlight", "0"));

        assertThatThrownBy(config::newConnectionFactory)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("natsjms.maxInFlight: 0 (expected: >= 1)");
    }

    @Test
    void valuesThatDoNotFitTogetherAreAnError() {
        CdiConfig config = CdiConfig.merge(Optional.empty(), properties("natsjms.password", "secret"));

        assertThatThrownBy(config::newConnectionFactory)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("password: set without a user");
    }

    @Test
    void toStringHidesPasswords() {
        CdiConfig config = CdiConfig.merge(Optional.empty(), properties("natsjms.user", "alice",
                "natsjms.password", "secret", "natsjms.url", "nats://bob:hidden@h:4222"));

        assertThat(config.toString()).contains("user=alice", "password=****", "url=****")
                .doesNotContain("secret", "hidden");
    }

    @Test
    void readsTheFileNamedByThePath(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("app.properties"), "natsjms.clientId = caf\u00e9-1\n");

        Properties system = properties("natsjms.config", file.toString());
        CdiConfig config = CdiConfig.load(system, getClass().getClassLoader());

        assertThat(config.factoryProperties()).containsExactly(Map.entry("clientId", "caf\u00e9-1"));
    }

    @Test
    void readsAClassPathResourceWhenNamedSo() {
        Properties system = properties("natsjms.config", "classpath:io/natsjms/cdi/sample.properties");

        CdiConfig config = CdiConfig.load(system, getClass().getClassLoader());

        assertThat(config.factoryProperties()).containsEntry("clusterId", "sample").containsEntry("maxInFlight", "7");
    }

    @Test
    void aNamedFileMustExist(@TempDir Path dir) {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> CdiConfig.load(properties("natsjms.config", missing.toString()),
                getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("natsjms.config: \"" + missing + "\" (expected: an existing properties file)");
        assertThatThrownBy(() -> CdiConfig.load(properties("natsjms.config", "classpath:nope.properties"),
                getClass().getClassLoader()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("natsjms.config: \"classpath:nope.properties\" (expected: a properties file on the class path)");
    }

    @Test
    void withoutALocationTheDefaultResourceIsOptional() {
        ClassLoader empty = new ClassLoader(null) {
        };

        assertThat(CdiConfigFile.read(null, empty)).isEmpty();
    }

    private static Properties properties(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }
}
