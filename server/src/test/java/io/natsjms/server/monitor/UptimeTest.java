package io.natsjms.server.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UptimeTest {

    @Test
    void showsOnlyTheUnitsThatAreReached() {
        assertThat(Uptime.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(Uptime.format(Duration.ofMillis(59_999))).isEqualTo("59s");
        assertThat(Uptime.format(Duration.ofSeconds(60))).isEqualTo("1m0s");
        assertThat(Uptime.format(Duration.ofHours(1).plusSeconds(5))).isEqualTo("1h0m5s");
        assertThat(Uptime.format(Duration.ofDays(1).plusHours(2).plusMinutes(3).plusSeconds(4)))
                .isEqualTo("1d2h3m4s");
        assertThat(Uptime.format(Duration.ofDays(366).plusSeconds(1))).isEqualTo("1y1d0h0m1s");
    }

    @Test
    void aClockGoingBackwardsIsZero() {
        assertThat(Uptime.format(Duration.ofSeconds(-5))).isEqualTo("0s");
    }
}
