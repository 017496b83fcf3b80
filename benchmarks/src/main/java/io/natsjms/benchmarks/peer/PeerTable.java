package io.natsjms.benchmarks.peer;

import io.natsjms.benchmarks.MarkdownTable;
import io.natsjms.benchmarks.Repetitions;
import io.natsjms.benchmarks.Summary;
import java.util.List;
import java.util.Optional;

/**
 * The results of a {@link PeerHarness} run by case, figure, server and repetition, rendered as one
 * Markdown table: per figure ours, the peer's and the ratio ours ÷ peer taken per repetition (both
 * runs of a repetition back to back), then summarised; the servers' CPU time per message on each
 * case's first row, with all threads and without the JIT compiler threads.
 */
final class PeerTable {

    /** The figure index of the CPU time per message. */
    private static final int CPU = -1;
    /** The figure index of the CPU time per message without the JIT compiler threads. */
    private static final int CPU_WITHOUT_COMPILER = -2;

    private record Key(String caseName, int figure, Side side) {
    }

    private final List<PeerCase> cases;
    private final Repetitions<Key> values = new Repetitions<>();

    PeerTable(List<PeerCase> cases) {
        this.cases = List.copyOf(cases);
    }

    void add(PeerCase peerCase, Side side, int rep, CaseResult result) {
        List<PeerCase.Figure> figures = peerCase.figures();
        if (result.values().size() != figures.size()) {
            throw new IllegalArgumentException("result of " + peerCase.name() + ": " + result.values().size()
                    + " values (expected: " + figures.size() + ")");
        }
        for (int i = 0; i < figures.size(); i++) {
            values.add(new Key(peerCase.name(), i, side), rep, result.values().get(i));
        }
        values.add(new Key(peerCase.name(), CPU, side), rep, result.cpuMicrosPerMessage());
        values.add(new Key(peerCase.name(), CPU_WITHOUT_COMPILER, side), rep,
                result.cpuMicrosPerMessageWithoutCompiler());
    }

    String render() {
        MarkdownTable table = new MarkdownTable().left("case: figure").right("ours").right("peer")
                .right("ours ÷ peer").left("ours better when").right("CPU µs/msg ours").right("CPU µs/msg peer")
                .right("CPU ours ÷ peer").right("CPU µs/msg ours without JIT threads").right("that ÷ peer's");
        for (PeerCase peerCase : cases) {
            List<PeerCase.Figure> figures = peerCase.figures();
            for (int i = 0; i < figures.size(); i++) {
                PeerCase.Figure figure = figures.get(i);
                String format = figure.higherIsBetter() ? "%,.0f" : "%,.2f";
                String[] cpu = i == 0 ? cells(peerCase, CPU, "%.1f") : new String[] {"", "", ""};
                String[] withoutCompiler = i == 0 ? cells(peerCase, CPU_WITHOUT_COMPILER, "%.1f")
                        : new String[] {"", "", ""};
                String[] figureCells = cells(peerCase, i, format);
                table.row(peerCase.name() + ": " + figure.title(), figureCells[0], figureCells[1], figureCells[2],
                        figure.higherIsBetter() ? "> 1" : "< 1", cpu[0], cpu[1], cpu[2], withoutCompiler[0],
                        withoutCompiler[2]);
            }
        }
        return table.render();
    }

    /** Ours, the peer's and the paired ratio of one figure, formatted; "—" where nothing was measured. */
    private String[] cells(PeerCase peerCase, int figure, String format) {
        Key ours = new Key(peerCase.name(), figure, Side.OURS);
        Key peer = new Key(peerCase.name(), figure, Side.PEER);
        List<Double> ratios = values.ratios(ours, peer);
        return new String[] {format(values.summary(ours), format), format(values.summary(peer), format),
            ratios.isEmpty() ? "—" : Summary.of(ratios).format(Summary.ratioFormat(ratios))};
    }

    private static String format(Optional<Summary> summary, String format) {
        return summary.map(s -> s.format(format)).orElse("—");
    }
}
