package io.natsjms.benchmarks.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PeerTableTest {

    private static final PeerCase SYNC = PeerCase.parse("sync-file");
    private static final PeerCase DRAIN = PeerCase.parse("drain-file-1024");

    @Test
    void pairsTheRatiosPerRepetition() {
        PeerTable table = new PeerTable(List.of(DRAIN));
        // rep 0: ours 100 vs 200 (0.5), rep 1: 300 vs 200 (1.5), rep 2: 200 vs 200 (1.0); a quarter of ours
        // CPU time is its compiler threads
        table.add(DRAIN, Side.OURS, 0, new CaseResult(List.of(100d), 1_000, new CpuTime(4_000_000, 1_000_000)));
        table.add(DRAIN, Side.PEER, 0, new CaseResult(List.of(200d), 1_000, new CpuTime(2_000_000, 0)));
        table.add(DRAIN, Side.OURS, 1, new CaseResult(List.of(300d), 1_000, new CpuTime(4_000_000, 1_000_000)));
        table.add(DRAIN, Side.PEER, 1, new CaseResult(List.of(200d), 1_000, new CpuTime(2_000_000, 0)));
        table.add(DRAIN, Side.OURS, 2, new CaseResult(List.of(200d), 1_000, new CpuTime(4_000_000, 1_000_000)));
        table.add(DRAIN, Side.PEER, 2, new CaseResult(List.of(200d), 1_000, new CpuTime(2_000_000, 0)));

        assertThat(table.render()).contains(
                "| drain-file-1024: drain msgs/s | 200 [100–300] | 200 [200–200] | 1.00x [0.50x–1.50x] | > 1 "
                        + "| 4.0 [4.0–4.0] | 2.0 [2.0–2.0] | 2.00x [2.00x–2.00x] | 3.0 [3.0–3.0] | 1.50x [1.50x–1.50x] |");
    }

    @Test
    void withoutAPeerShowsOursAndDashes() {
        PeerTable table = new PeerTable(List.of(SYNC));
        table.add(SYNC, Side.OURS, 0, new CaseResult(List.of(500d, 1.25, 3.5), 2_500, new CpuTime(5_000_000, 0)));

        assertThat(table.render())
                .contains("| sync-file: sync publish msgs/s | 500 [500–500] | — | — | > 1 | 2.0 [2.0–2.0] | — | — "
                        + "| 2.0 [2.0–2.0] | — |")
                .contains("| sync-file: PubAck p99 ms | 3.50 [3.50–3.50] | — | — | < 1 |  |  |  |  |  |");
    }

    @Test
    void refusesAResultOfTheWrongShape() {
        PeerTable table = new PeerTable(List.of(SYNC));

        assertThatThrownBy(() -> table.add(SYNC, Side.PEER, 0, new CaseResult(List.of(1d), 1, new CpuTime(0, 0))))
                .hasMessage("result of sync-file: 1 values (expected: 3)");
    }
}
