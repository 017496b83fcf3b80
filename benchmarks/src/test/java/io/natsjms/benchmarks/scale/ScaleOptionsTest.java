package io.natsjms.benchmarks.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleOptionsTest {

    @Test
    void defaultsAreTheScalesOfTheIssue() {
        ScaleOptions options = ScaleOptions.parse(new String[0]);
        assertThat(options.parts()).containsExactly("publish", "fanout", "footprint");
        assertThat(options.stores()).containsExactly("mapdb", "memory");
        assertThat(options.channels()).containsExactly(1, 100, 10_000);
        assertThat(options.mapdbChannels()).containsExactly(1, 100, 1000);
        assertThat(options.subscribers()).containsExactly(1, 10, 100);
        assertThat(options.deliveries()).isEqualTo(200_000);
        assertThat(options.subscribedChannels()).containsExactly(100, 300, 1000);
        assertThat(options.subsPerChannel()).isEqualTo(10);
        assertThat(options.storedMessages()).containsExactly(100_000L, 1_000_000L, 10_000_000L);
        assertThat(options.storedAge()).isEqualTo(Duration.ofHours(1));
        assertThat(options.recentMessages()).containsExactly(100_000L, 1_000_000L);
        assertThat(options.starts()).isEqualTo(2);
        assertThat(options.output()).isEqualTo(Path.of("benchmarks"));
    }

    @Test
    void listsAndCountsAreParsed() {
        ScaleOptions options = ScaleOptions.parse(new String[] {"--parts", "fanout", "--stores", "memory",
            "--subscribers", "2, 20", "--stored-messages", "1_000", "--server-jvm-option", "-Xmx1g", "--out", "/o"});
        assertThat(options.parts()).containsExactly("fanout");
        assertThat(options.stores()).containsExactly("memory");
        assertThat(options.subscribers()).containsExactly(2, 20);
        assertThat(options.storedMessages()).containsExactly(1000L);
        assertThat(options.serverJvmOptions()).isEqualTo(List.of("-Xmx1g"));
        assertThat(options.output()).isEqualTo(Path.of("/o"));
    }

    @Test
    void anUnknownPartIsNamed() {
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] {"--parts", "publish,drain"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--parts: \"drain\" (expected one of: [publish, fanout, footprint])");
    }

    @Test
    void anUnknownStoreIsNamed() {
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] {"--stores", "jetstream"}))
                .hasMessage("--stores: \"jetstream\" (expected: mapdb or memory)");
    }

    @Test
    void aCountBelowOneIsNamed() {
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] {"--channels", "1,0"}))
                .hasMessage("--channels: \"0\" (expected: integers >= 1)");
        assertThatThrownBy(() -> ScaleOptions.parse(new String[] {"--subscribers", "ten"}))
                .hasMessage("--subscribers: \"ten\" (expected: integers >= 1)");
    }
}
