package io.natsjms.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest
    @CsvSource({"0,0", "10s,10000000000", "500ms,500000000", "1h30m,5400000000000", "1.5s,1500000000",
            "2m3s,123000000000", "100us,100000", "100µs,100000", "7ns,7", "1h0m0.25s,3600250000000",
            ".5s,500000000", "+3s,3000000000", "-3s,-3000000000"})
    void parsesGoDurations(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "1d", "s", "1h 30m", "abc", "1.2.3s", "-"})
    void rejectsWhatIsNotADuration(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> GoDuration.parse(text))
                .withMessage("\"" + text + "\" is not a duration (expected: numbers with units h, m, s, ms, us "
                        + "or ns, like 1h30m, 10s, 500ms)");
    }

    @ParameterizedTest
    @CsvSource({"0,0s", "10000000000,10s", "5400000000000,1h30m0s", "500000000,500ms", "1500000000,1.5s",
            "61000000000,1m1s", "1500,1.5µs", "7,7ns"})
    void formatsAsGoDoes(long nanos, String expected) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(expected);
    }

    @Test
    void formatThenParseRoundTrips() {
        Duration d = Duration.ofHours(26).plusMinutes(3).plusMillis(40);
        assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
    }
}
