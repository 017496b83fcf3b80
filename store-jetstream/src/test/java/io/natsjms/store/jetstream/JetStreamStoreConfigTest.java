package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JetStreamStoreConfigTest {

    private static StoreConfig options() {
        return StoreConfig.inMemory(StoreLimits.unlimited());
    }

    @Test
    void defaultsApplyToOptionsLeftOut() {
        JetStreamStoreConfig config = JetStreamStoreConfig.from(options());

        assertThat(config.urls()).containsExactly(JetStreamStoreConfig.DEFAULT_URL);
        assertThat(config.replicas()).isEqualTo(1);
        assertThat(config.prefix()).isEqualTo("natsjms");
        assertThat(config.lease()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.waitForLease()).isFalse();
    }

    @Test
    void optionsAreRead() {
        JetStreamStoreConfig config = JetStreamStoreConfig.from(options()
                .withOption(JetStreamStoreConfig.URLS, " nats://a:4222, nats://b:4222 ")
                .withOption(JetStreamStoreConfig.REPLICAS, "3")
                .withOption(JetStreamStoreConfig.PREFIX, "prod_orders")
                .withOption(JetStreamStoreConfig.LEASE_MILLIS, "750")
                .withOption(JetStreamStoreConfig.WAIT_FOR_LEASE, "true"));

        assertThat(config.urls()).isEqualTo(List.of("nats://a:4222", "nats://b:4222"));
        assertThat(config.replicas()).isEqualTo(3);
        assertThat(config.naming().channelStream("X1")).isEqualTo("prod_orders_ch_X1");
        assertThat(config.naming().channelSubject("X1", 7)).isEqualTo("prod_orders.ch.X1.7");
        assertThat(config.lease()).isEqualTo(Duration.ofMillis(750));
        assertThat(config.waitForLease()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "js_replicas|0|js_replicas: 0 (expected: 1 to 5)",
            "js_replicas|three|js_replicas: \"three\" (expected: an integer)",
            "js_prefix|orders.eu|js_prefix: \"orders.eu\" (expected: 1 to 64 of A-Z, a-z, 0-9, '_' and '-')",
            "js_lease_ms|50|js_lease_ms: 50 (expected: 100 to 600000 ms)",
            "js_wait_for_lease|yes|js_wait_for_lease: \"yes\" (expected: true or false)",
            "js_urls|' , '|js_urls: empty (expected: one or more NATS URLs)"})
    void aBadOptionIsRefusedNamingItsValueAndWhatWasExpected(String key, String value, String message) {
        assertThatThrownBy(() -> JetStreamStoreConfig.from(options().withOption(key, value)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
