package io.natsjms.benchmarks.jms;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.benchmarks.LatencyResult;
import io.natsjms.benchmarks.Sample;
import java.util.List;
import org.junit.jupiter.api.Test;

class JmsTableTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void ratiosArePairedPerRepetitionAndJudgedAgainstTheTarget() {
        JmsTable table = new JmsTable(List.of(JmsCase.SYNC_SEND));
        table.add(Provider.NATSJMS, 0, JmsCase.SYNC_SEND, new Sample(400, SECOND));
        table.add(Provider.ARTEMIS, 0, JmsCase.SYNC_SEND, new Sample(200, SECOND));
        table.add(Provider.NATSJMS, 1, JmsCase.SYNC_SEND, new Sample(300, SECOND));
        table.add(Provider.ARTEMIS, 1, JmsCase.SYNC_SEND, new Sample(600, SECOND));

        // paired: 400/200 = 2 and 300/600 = 0.5, median 1.25 (not 350/400 = 0.875 from the medians)
        assertThat(table.render()).contains(
                "| sync send, msgs/s | 350 [300–400] | 400 [200–600] | 1.25x [0.50x–2.00x] | ≥ 1x: met | 2 |");
    }

    @Test
    void latencyIsBetterWhenLower() {
        JmsTable table = new JmsTable(List.of(JmsCase.LATENCY));
        table.add(Provider.NATSJMS, 0, new LatencyResult(2000, 6_000, 30_000, 40_000, 5_000, 20_000, 8000));
        table.add(Provider.ARTEMIS, 0, new LatencyResult(1990, 4_000, 20_000, 30_000, 4_000, 19_000, 8000));

        String rendered = table.render();

        assertThat(rendered).contains("| send→receive p50, ms | 6.00 [6.00–6.00] | 4.00 [4.00–4.00] | 1.50x [1.50x–1.50x] | ≤ 1x: not met | 1 |");
        assertThat(rendered).contains("| send→completion p50, ms | 5.00 [5.00–5.00] | 4.00 [4.00–4.00] | 1.25x [1.25x–1.25x] |  | 1 |");
        assertThat(rendered).doesNotContain("sync send");
    }

    @Test
    void oneProviderAloneHasNoRatio() {
        JmsTable table = new JmsTable(List.of(JmsCase.DRAIN));
        table.add(Provider.ARTEMIS, 0, JmsCase.DRAIN, new Sample(10_000, SECOND));

        assertThat(table.render()).contains("| backlog drain, msgs/s | — | 10,000 [10,000–10,000] | — | ≥ 1x | 1 |");
    }
}
