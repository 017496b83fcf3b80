package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StanSettingsTest {

    private static StanSettings.Builder valid() {
        return StanSettings.builder("c", "me");
    }

    @Test
    void defaultsAreTheNamedConstants() {
        StanSettings settings = valid().build();

        assertThat(settings.servers()).containsExactly("nats://localhost:4222");
        assertThat(settings.connectWait()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.pubAckWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.maxPubAcksInFlight()).isEqualTo(16384);
        assertThat(settings.pingInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.pingMaxOut()).isEqualTo(88);
        assertThat(settings.discoverPrefix()).isEqualTo("_STAN.discover");
        assertThat(settings.discoverSubject()).isEqualTo("_STAN.discover.c");
        assertThat(settings.connectionName()).isEqualTo("me");
        assertThat(settings.reconnectBufferSize()).isZero();
    }

    @Test
    void pingIntervalGoesOnTheWireInSecondsOrNegativeMillis() {
        assertThat(valid().build().pingIntervalOnWire()).isEqualTo(5);
        assertThat(valid().pingInterval(Duration.ofMillis(250)).build().pingIntervalOnWire()).isEqualTo(-250);
    }

    @Test
    void invalidValuesAreNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> valid().maxPubAcksInFlight(0).build())
                .hasMessage("maxPubAcksInFlight: 0 (expected: >= 1)");
        assertThatThrownBy(() -> valid().pingMaxOut(1).build()).hasMessage("pingMaxOut: 1 (expected: >= 2)");
        assertThatThrownBy(() -> valid().connectWait(Duration.ZERO).build()).hasMessage("connectWait: PT0S (expected: > 0)");
        assertThatThrownBy(() -> valid().pubAckWait(Duration.ofSeconds(-1)).build())
                .hasMessage("pubAckWait: PT-1S (expected: > 0)");
        assertThatThrownBy(() -> valid().pingInterval(null).build()).hasMessage("pingInterval: null (expected: > 0)");
        assertThatThrownBy(() -> valid().pingInterval(Duration.ofMillis(1500)).build())
                .hasMessage("pingInterval: PT1.5S (expected: whole seconds, or below one second)");
        assertThatThrownBy(() -> valid().servers(List.of()).build())
                .hasMessage("servers: [] (expected: at least one NATS URL)");
        assertThatThrownBy(() -> valid().servers(" ").build()).hasMessageContaining("(expected: no blank URL)");
        assertThatThrownBy(() -> valid().reconnectBufferSize(-1).build())
                .hasMessage("reconnectBufferSize: -1 (expected: >= 0)");
        assertThatThrownBy(() -> valid().discoverPrefix("").build()).hasMessageStartingWith("discoverPrefix: \"\"");
    }

    @Test
    void idsMustBeValidStanIds() {
        assertThatThrownBy(() -> StanSettings.builder("c", "bad id").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"bad id\"");
        assertThatThrownBy(() -> StanSettings.builder("c.x", "me").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("clusterId: \"c.x\"");
    }

    @Test
    void credentialsAreExclusiveAndHiddenFromToString() {
        assertThatThrownBy(() -> valid().userInfo("u", "p").token("t").build())
                .hasMessage("token and user: both set (expected: one of them)");
        assertThatThrownBy(() -> valid().userInfo(null, "p").build()).hasMessageStartingWith("password:");

        StanSettings settings = valid().userInfo("alice", "secret").build();
        assertThat(settings.toString()).contains("alice").doesNotContain("secret");
        assertThat(valid().token("tok3n").build().toString()).doesNotContain("tok3n");
    }
}
