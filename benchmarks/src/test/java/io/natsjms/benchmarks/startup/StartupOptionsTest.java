package io.natsjms.benchmarks.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartupOptionsTest {

    @Test
    void defaults() {
        StartupOptions options = StartupOptions.parse(new String[0]);
        assertThat(options.jar()).isEqualTo(Path.of("server/target/natsjms-server.jar"));
        assertThat(options.reps()).isEqualTo(10);
        assertThat(options.store()).isEqualTo("memory");
        assertThat(options.jvmOptions()).isEmpty();
        assertThat(options.attemptWait()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void everyOption() {
        StartupOptions options = StartupOptions.parse(new String[] {"--jar", "x.jar", "--reps", "3", "--store",
            "mapdb", "--dir", "/data", "--jvm-option", "-Xshare:off", "--jvm-option=-XX:+UseSerialGC",
            "--attempt-wait-ms", "500"});
        assertThat(options).isEqualTo(new StartupOptions(Path.of("x.jar"), 3, "mapdb", Path.of("/data"),
                List.of("-Xshare:off", "-XX:+UseSerialGC"), Duration.ofMillis(500)));
    }

    @Test
    void anUnknownStoreIsNamed() {
        assertThatThrownBy(() -> StartupOptions.parse(new String[] {"--store", "sql"}))
                .hasMessage("--store: \"sql\" (expected: memory or mapdb)");
    }
}
