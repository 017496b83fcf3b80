package io.natsjms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void summaryTakesTheMiddleValue() {
        assertThat(Summary.of(List.of(3.0, 1.0, 2.0))).isEqualTo(new Summary(2.0, 1.0, 3.0, 3));
        assertThat(Summary.of(List.of(4.0, 1.0, 2.0, 3.0)).median()).isEqualTo(2.5);
    }

    @Test
    void ratiosArePairedPerRepetition() {
        ResultTable table = new ResultTable(List.of("raw", "mapdb"), List.of(100));
        table.add("raw", 100, 0, new Sample(10_000, SECOND));
        table.add("mapdb", 100, 0, new Sample(1_000, SECOND));
        table.add("raw", 100, 1, new Sample(40_000, SECOND));
        table.add("mapdb", 100, 1, new Sample(2_000, SECOND));

        String rendered = table.render();

        assertThat(rendered).contains("| raw | 100 | 25,000 [10,000–40,000] | 25.6 | 1 (reference) | 2 |");
        // paired: 1,000/10,000 = 0.1 and 2,000/40,000 = 0.05, not the ratio of medians (1,500/25,000)
        assertThat(rendered).contains("| mapdb | 100 | 1,500 [1,000–2,000] | 1.5 | 0.075x [0.050x–0.100x] | 2 |");
    }

    @Test
    void largeRatiosHaveNoDecimals() {
        ResultTable table = new ResultTable(List.of("raw", "memory"), List.of(1));
        table.add("raw", 1, 0, new Sample(300, SECOND));
        table.add("memory", 1, 0, new Sample(1_200_000, SECOND));

        assertThat(table.render()).contains("| memory | 1 | 1,200,000 [1,200,000–1,200,000] | 1,228.8 | 4,000x [4,000x–4,000x] | 1 |");
    }

    @Test
    void appendLoopEndsOnASyncAndHonoursTheCap() {
        int[] appends = {0};
        int[] syncs = {0};
        AppendTarget counting = new AppendTarget() {
            @Override
            public void append() {
                appends[0]++;
            }

            @Override
            public void sync() {
                syncs[0]++;
            }

            @Override
            public void close() {
            }
        };

        Sample sample = AppendLoop.run(counting, 7, Long.MAX_VALUE, 70);

        assertThat(sample.messages()).isEqualTo(70);
        assertThat(appends[0]).isEqualTo(70);
        assertThat(syncs[0]).isEqualTo(10);
    }
}
