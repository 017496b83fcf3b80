package io.natsjms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessOptionsTest {

    @Test
    void defaultsMeasureRawMapdbAndMemoryWithFsyncAlways() {
        HarnessOptions options = HarnessOptions.parse(new String[0]);

        assertThat(options.seconds()).isEqualTo(3);
        assertThat(options.reps()).isEqualTo(3);
        assertThat(options.batches()).containsExactly(1, 100, 1000);
        assertThat(options.cases()).extracting(AppendCase::name).containsExactly("raw", "mapdb", "memory");
        assertThat(options.cases().get(1).options()).isEqualTo(Map.of("fsync", "always"));
        assertThat(options.cases().get(2).options()).isEmpty();
    }

    @Test
    void parsesBothArgumentFormsAndStoreOptions() {
        HarnessOptions options = HarnessOptions.parse(new String[] {
            "--seconds=0.5", "--reps", "5", "--batches", "10,1000", "--cases", "mapdb,raw",
            "--option", "mapdb.fsync=never", "--option", "memory.x=y", "--dir", "/var/tmp", "--max-messages", "1_000"});

        assertThat(options.seconds()).isEqualTo(0.5);
        assertThat(options.reps()).isEqualTo(5);
        assertThat(options.batches()).containsExactly(10, 1000);
        assertThat(options.cases()).containsExactly(
                new AppendCase("mapdb", Map.of("fsync", "never")), new AppendCase("raw", Map.of()));
        assertThat(options.directory()).isEqualTo(Path.of("/var/tmp"));
        assertThat(options.maxMessages()).isEqualTo(1000);
    }

    @Test
    void rejectsBadValuesNamingTheArgument() {
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--reps", "0"}))
                .hasMessage("--reps: 0 (expected: >= 1)");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--batches", "1,x"}))
                .hasMessage("--batches: \"x\" (expected: an integer >= 1)");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--option", "fsync=always"}))
                .hasMessage("--option: \"fsync=always\" (expected: store.key=value)");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--seconds"}))
                .hasMessage("--seconds: no value (expected: --seconds value)");
        assertThatThrownBy(() -> HarnessOptions.parse(new String[] {"--secs", "1"}))
                .hasMessageStartingWith("argument: --secs (expected one of: --batches, --cases");
    }

    @Test
    void reopenOptionsDefaultToAMillionMessagesFilledWithoutFsync() {
        ReopenOptions options = ReopenOptions.parse(new String[] {"--option", "fsync=always"});

        assertThat(options.store()).isEqualTo("mapdb");
        assertThat(options.messages()).isEqualTo(1_000_000);
        assertThat(options.batch()).isEqualTo(1000);
        assertThat(options.reopens()).isEqualTo(3);
        assertThat(options.fillOptions()).isEqualTo(Map.of("fsync", "never"));
        assertThat(options.reopenOptions()).isEqualTo(Map.of("fsync", "always"));
        assertThat(options.directory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
