package io.natsjms.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerOptionsTest {

    @Test
    void defaultsRunEveryCaseThreeTimes() {
        ServerOptions options = ServerOptions.parse(new String[0]);

        assertThat(options.reps()).isEqualTo(3);
        assertThat(options.messages()).isEqualTo(50_000);
        assertThat(options.window()).isEqualTo(16_384);
        assertThat(options.rate()).isEqualTo(2_000);
        assertThat(options.warmup()).isTrue();
        assertThat(options.cases()).extracting(ServerCase::name).containsExactlyElementsOf(ServerCase.DEFAULT_NAMES);
    }

    @Test
    void parsesCasesAndNumbers() {
        ServerOptions options = ServerOptions.parse(new String[] {
            "--reps=1", "--messages", "1_000", "--cases", "acked,pub-raw-mapdb-8,latency-memory", "--warmup", "false"});

        assertThat(options.reps()).isEqualTo(1);
        assertThat(options.messages()).isEqualTo(1_000);
        assertThat(options.warmup()).isFalse();
        assertThat(options.cases()).extracting(ServerCase::name)
                .containsExactly("acked", "pub-raw-mapdb-8", "latency-memory");
        assertThat(options.cases().get(1).publishers()).isEqualTo(8);
    }

    @Test
    void casesKnowTheirCeilingAndTarget() {
        assertThat(ServerCase.parse("pub-stan-mapdb-1").reference()).isEqualTo("store");
        assertThat(ServerCase.parse("pub-stan-mapdb-1").target()).isEqualTo(0.8);
        assertThat(ServerCase.parse("pub-raw-memory-4").reference()).isEqualTo("acked");
        assertThat(ServerCase.parse("pub-raw-memory-4").target()).isEqualTo(0.5);
        assertThat(ServerCase.parse("store").reference()).isEqualTo("fsync");
        assertThat(ServerCase.parse("acked").reference()).isNull();
        assertThat(ServerCase.parse("drain-mapdb").target()).isZero();
    }

    @Test
    void rejectsUnknownCasesAndBadValues() {
        assertThatThrownBy(() -> ServerCase.parse("pub-go-mapdb-1")).hasMessageContaining("case: \"pub-go-mapdb-1\"");
        assertThatThrownBy(() -> ServerCase.parse("pub-raw-mapdb-0")).hasMessageContaining("publishers >= 1");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--warmup", "yes"}))
                .hasMessageContaining("--warmup: \"yes\" (expected: true or false)");
        assertThatThrownBy(() -> ServerOptions.parse(new String[] {"--latency-seconds", "1", "--latency-skip", "1"}))
                .hasMessageContaining("--latency-skip");
    }
}
