package io.natsjms.benchmarks.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class JmsOptionsTest {

    @Test
    void defaultsRunEveryCaseOnBothProviders() {
        JmsOptions options = JmsOptions.parse(new String[0]);

        assertThat(options.reps()).isEqualTo(3);
        assertThat(options.seconds()).isEqualTo(5);
        assertThat(options.cases()).containsExactly(JmsCase.SYNC_SEND, JmsCase.ASYNC_SEND, JmsCase.DRAIN, JmsCase.LATENCY);
        assertThat(options.providers()).containsExactly(Provider.NATSJMS, Provider.ARTEMIS);
        assertThat(options.window()).isEqualTo(1000);
        assertThat(options.drainMessages()).isEqualTo(20_000);
        assertThat(options.rate()).isEqualTo(2_000);
        assertThat(options.warmup()).isTrue();
        assertThat(options.artemisTransport()).isEqualTo(ArtemisBroker.Transport.NETTY);
        assertThat(options.natsjmsStore()).isEmpty();
    }

    @Test
    void parsesCasesProvidersAndNumbers() {
        JmsOptions options = JmsOptions.parse(new String[] {
            "--providers", "artemis", "--cases=latency,drain", "--reps", "1", "--seconds", "2.5",
            "--drain-messages", "5_000", "--artemis-transport", "invm", "--warmup", "false",
            "--natsjms-store", "fsync=never", "--natsjms-store", "segment.bytes=1048576"});

        assertThat(options.providers()).containsExactly(Provider.ARTEMIS);
        assertThat(options.cases()).containsExactly(JmsCase.LATENCY, JmsCase.DRAIN);
        assertThat(options.reps()).isEqualTo(1);
        assertThat(options.seconds()).isEqualTo(2.5);
        assertThat(options.drainMessages()).isEqualTo(5_000);
        assertThat(options.artemisTransport()).isEqualTo(ArtemisBroker.Transport.INVM);
        assertThat(options.warmup()).isFalse();
        assertThat(options.natsjmsStore()).containsOnly(entry("fsync", "never"), entry("segment.bytes", "1048576"));
    }

    @Test
    void warmupPassIsShortAndSingle() {
        JmsOptions light = JmsOptions.parse(new String[] {"--seconds", "5", "--drain-messages", "20000"}).warmupPass();

        assertThat(light.reps()).isEqualTo(1);
        assertThat(light.seconds()).isEqualTo(1.5);
        assertThat(light.drainMessages()).isEqualTo(4_000);
        assertThat(light.latencySkip()).isLessThan(light.seconds());
        assertThat(light.warmup()).isFalse();
    }

    @Test
    void rejectsUnknownNamesAndBadValues() {
        assertThatThrownBy(() -> JmsOptions.parse(new String[] {"--cases", "sync"}))
                .hasMessageContaining("case: \"sync\" (expected one of: sync-send, async-send, drain, latency)");
        assertThatThrownBy(() -> JmsOptions.parse(new String[] {"--providers", "kafka"}))
                .hasMessageContaining("provider: \"kafka\" (expected one of: natsjms, artemis)");
        assertThatThrownBy(() -> JmsOptions.parse(new String[] {"--artemis-transport", "aio"}))
                .hasMessageContaining("expected: netty or invm");
        assertThatThrownBy(() -> JmsOptions.parse(new String[] {"--seconds", "2", "--latency-skip", "2"}))
                .hasMessageContaining("--latency-skip: 2.0 (expected: < --seconds 2.0)");
        assertThatThrownBy(() -> JmsOptions.parse(new String[] {"--window", "0"})).hasMessage("--window: 0 (expected: >= 1)");
    }
}
