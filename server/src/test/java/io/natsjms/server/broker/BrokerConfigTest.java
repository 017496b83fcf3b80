package io.natsjms.server.broker;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BrokerConfigTest {

    @Test
    void defaultsAreThoseOfNatsServer() {
        BrokerConfig config = BrokerConfig.defaults();
        assertThat(config.port()).isEqualTo(4222);
        assertThat(config.maxPayload()).isEqualTo(1024 * 1024);
        assertThat(config.maxConnections()).isEqualTo(64 * 1024);
        assertThat(config.maxControlLine()).isEqualTo(4096);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.maxPingsOut()).isEqualTo(2);
        assertThat(config.maxPending()).isEqualTo(64L * 1024 * 1024);
        assertThat(config.auth().required()).isFalse();
    }

    @Test
    void rejectsValuesOutOfRangeNamingThem() {
        assertThatThrownBy(() -> BrokerConfig.builder().port(70000).build())
                .hasMessage("port: 70000 (expected: 0..65535)");
        assertThatThrownBy(() -> BrokerConfig.builder().maxPayload(0).build())
                .hasMessage("maxPayload: 0 (expected: >= 1)");
        assertThatThrownBy(() -> BrokerConfig.builder().maxPending(10).build())
                .hasMessage("maxPending: 10 (expected: >= maxPayload 1048576)");
        assertThatThrownBy(() -> BrokerConfig.builder().pingInterval(Duration.ZERO).build())
                .hasMessage("pingInterval: PT0S (expected: > 0)");
    }

    @Test
    void theBudgetOfAllClientsIsGivenOrSizedFromMemory() {
        assertThat(BrokerConfig.builder().maxPendingTotal(8L << 20).build().effectiveMaxPendingTotal())
                .isEqualTo(8L << 20);
        long automatic = BrokerConfig.defaults().effectiveMaxPendingTotal();
        assertThat(automatic).isPositive().isLessThanOrEqualTo(Math.max(
                io.netty.util.internal.PlatformDependent.maxDirectMemory(), Runtime.getRuntime().maxMemory()) / 4);
        assertThatThrownBy(() -> BrokerConfig.builder().maxPendingTotal(10).build())
                .hasMessage("maxPendingTotal: 10 (expected: 0 for automatic, or >= maxPayload 1048576)");
        assertThat(BrokerMain.parse(new String[] {"--max_pending_total", "2097152"}).maxPendingTotal())
                .isEqualTo(2_097_152);
    }

    @Test
    void authIsTokenOrUserPassword() {
        assertThat(BrokerConfig.Auth.token("t").required()).isTrue();
        assertThat(BrokerConfig.Auth.userPassword("u", "p").required()).isTrue();
        assertThatThrownBy(() -> new BrokerConfig.Auth("u", "p", "t")).hasMessageContaining("both token and user 'u'");
        assertThatThrownBy(() -> new BrokerConfig.Auth("u", null, null)).hasMessageContaining("has no password");
    }

    @Test
    void commandLineFlagsFollowNatsServerNames() {
        BrokerConfig config = BrokerMain.parse(new String[] {"-a", "127.0.0.1", "--port", "0", "--user", "u",
                "--pass", "p", "--max_payload", "2048", "--ping_interval", "5", "-n", "edge"});
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isZero();
        assertThat(config.auth()).isEqualTo(BrokerConfig.Auth.userPassword("u", "p"));
        assertThat(config.maxPayload()).isEqualTo(2048);
        assertThat(config.pingInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.serverName()).isEqualTo("edge");
        assertThatThrownBy(() -> BrokerMain.parse(new String[] {"--bogus", "1"})).hasMessageContaining("unknown flag: --bogus");
        assertThatThrownBy(() -> BrokerMain.parse(new String[] {"--port"})).hasMessageContaining("has no value");
        assertThatThrownBy(() -> BrokerMain.parse(new String[] {"--port", "x"}))
                .hasMessage("--port: 'x' (expected: an integer)");
    }
}
