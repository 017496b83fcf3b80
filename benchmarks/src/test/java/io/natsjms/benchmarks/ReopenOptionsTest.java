package io.natsjms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReopenOptionsTest {

    @Test
    void aCleanReopenOfAMillionMessagesByDefault() {
        ReopenOptions options = ReopenOptions.parse(new String[0]);

        assertThat(options.crash()).isFalse();
        assertThat(options.messages()).isEqualTo(1_000_000);
        assertThat(options.batch()).isEqualTo(1000);
        assertThat(options.fillOptions()).isEqualTo(Map.of("fsync", "never"));
    }

    @Test
    void crashTakesTrueOrFalse() {
        assertThat(ReopenOptions.parse(new String[] {"--crash", "true", "--batch", "1"}).crash()).isTrue();
        assertThat(ReopenOptions.parse(new String[] {"--crash=false"}).crash()).isFalse();
        assertThatThrownBy(() -> ReopenOptions.parse(new String[] {"--crash", "yes"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--crash: \"yes\" (expected: true or false)");
    }
}
