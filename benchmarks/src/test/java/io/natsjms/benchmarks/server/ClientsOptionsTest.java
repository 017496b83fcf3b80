package io.natsjms.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClientsOptionsTest {

    @Test
    void defaultsAreTheIssuesFleetOnMemoryThenMapDb() {
        ClientsOptions options = ClientsOptions.parse(new String[0]);

        assertThat(options.clients()).isEqualTo(200);
        assertThat(options.rate()).isEqualTo(5);
        assertThat(options.totalRate()).isEqualTo(1_000);
        assertThat(options.seconds()).isEqualTo(20);
        assertThat(options.skip()).isEqualTo(2);
        assertThat(options.reps()).isEqualTo(3);
        assertThat(options.stores()).containsExactly("memory", "mapdb");
    }

    @Test
    void parsesEveryOption() {
        ClientsOptions options = ClientsOptions.parse(new String[] {
            "--clients", "50", "--rate=20", "--seconds", "30", "--skip", "5", "--reps", "5", "--stores", "mapdb,memory"});

        assertThat(options.clients()).isEqualTo(50);
        assertThat(options.totalRate()).isEqualTo(1_000);
        assertThat(options.seconds()).isEqualTo(30);
        assertThat(options.skip()).isEqualTo(5);
        assertThat(options.reps()).isEqualTo(5);
        assertThat(options.stores()).containsExactly("mapdb", "memory");
    }

    @Test
    void refusesASkipAsLongAsTheRun() {
        assertThatThrownBy(() -> ClientsOptions.parse(new String[] {"--seconds", "5", "--skip", "5"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--skip: 5.0 (expected: < --seconds 5.0)");
    }

    @Test
    void refusesNoClients() {
        assertThatThrownBy(() -> ClientsOptions.parse(new String[] {"--clients", "0"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--clients");
    }
}
