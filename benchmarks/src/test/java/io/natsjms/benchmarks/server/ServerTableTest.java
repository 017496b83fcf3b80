package io.natsjms.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.benchmarks.Sample;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ServerTableTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void showsTheCpuPerMessageAndTheBoundItPutsOnPublishingToTheStore() {
        ServerCase acked = ServerCase.parse("acked");
        ServerCase store = ServerCase.parse("store");
        ServerTable table = new ServerTable(List.of(acked, store));
        // 100,000 msgs/s at 8 µs of CPU each, and 300,000 msgs/s at 2 µs each
        table.add(acked, 0, new Sample(100_000, SECOND, 800_000_000L));
        table.add(store, 0, new Sample(300_000, SECOND, 600_000_000L));

        String rendered = table.render();

        int cores = Runtime.getRuntime().availableProcessors();
        double bound = cores * 1e6 / (8 + 2);
        assertThat(rendered).contains("| acked | 100,000 ").contains("| 8.0 [8.0–8.0] |").contains("| 2.0 [2.0–2.0] |")
                .contains(String.format(Locale.ROOT, "on %d cores", cores))
                .contains(String.format(Locale.ROOT, "%,.0f [", bound))
                .contains(String.format(Locale.ROOT, "%.2fx [", bound / 300_000));
    }

    @Test
    void saysNothingOfABoundWithoutBothCpuFigures() {
        ServerCase acked = ServerCase.parse("acked");
        ServerTable table = new ServerTable(List.of(acked));
        table.add(acked, 0, new Sample(100_000, SECOND));

        assertThat(table.render()).doesNotContain("CPU bound").contains("| acked | 100,000 ");
    }
}
