package io.natsjms.benchmarks.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerCaseTest {

    @Test
    void parsesEveryDefaultCaseBackToItsName() {
        for (String name : PeerCase.DEFAULT_NAMES) {
            assertThat(PeerCase.parse(name).name()).isEqualTo(name);
        }
    }

    @Test
    void liveAndDrainCarryTheirMaxInFlight() {
        PeerCase drain = PeerCase.parse("drain-memory-16384");

        assertThat(drain.kind()).isEqualTo(PeerCase.Kind.DRAIN);
        assertThat(drain.maxInFlight()).isEqualTo(16_384);
        assertThat(drain.persistent()).isFalse();
        assertThat(PeerCase.parse("live-file-1").persistent()).isTrue();
    }

    @Test
    void syncReportsRateAndBothPercentiles() {
        assertThat(PeerCase.parse("sync-file").figures()).extracting(PeerCase.Figure::higherIsBetter)
                .containsExactly(true, false, false);
        assertThat(PeerCase.parse("live-file-8").figures()).hasSize(2);
    }

    @Test
    void rejectsMalformedNames() {
        for (String bad : new String[] {"pub", "pub-mapdb", "pub-file-3", "sync-memory-1", "live-file", "live-file-0",
            "drain-file-x", "drain-file-12345678901", "latency-file", ""}) {
            assertThatThrownBy(() -> PeerCase.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("case: \"" + bad + "\" (expected: pub-<file|memory>");
        }
    }
}
