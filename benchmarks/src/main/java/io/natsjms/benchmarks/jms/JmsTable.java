package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.LatencyResult;
import io.natsjms.benchmarks.MarkdownTable;
import io.natsjms.benchmarks.Repetitions;
import io.natsjms.benchmarks.Sample;
import io.natsjms.benchmarks.Summary;
import java.util.List;
import java.util.Optional;

/**
 * The results of a {@link JmsHarness} run by figure, provider and repetition, rendered as one Markdown
 * table: each provider's median [min–max], and the ratio natsjms ÷ Artemis taken per repetition (the
 * two runs of a repetition are back to back) then summarised, with the target.
 */
final class JmsTable {

    private record Key(JmsFigure figure, Provider provider) {
    }

    private final List<JmsCase> cases;
    private final Repetitions<Key> values = new Repetitions<>();

    JmsTable(List<JmsCase> cases) {
        this.cases = List.copyOf(cases);
    }

    void add(Provider provider, int rep, JmsCase jmsCase, Sample sample) {
        values.add(new Key(JmsFigure.rateOf(jmsCase), provider), rep, sample.messagesPerSecond());
    }

    void add(Provider provider, int rep, LatencyResult result) {
        for (JmsFigure figure : JmsFigure.values()) {
            if (figure.source() == JmsCase.LATENCY) {
                values.add(new Key(figure, provider), rep, figure.of(result));
            }
        }
    }

    String render() {
        MarkdownTable table = new MarkdownTable().left("figure")
                .right(Provider.NATSJMS.label() + " median [min–max]")
                .right(Provider.ARTEMIS.label() + " median [min–max]")
                .right("natsjms ÷ Artemis (paired per rep)")
                .left("target")
                .right("n");
        for (JmsFigure figure : JmsFigure.values()) {
            if (cases.contains(figure.source())) {
                row(table, figure);
            }
        }
        return table.render();
    }

    private void row(MarkdownTable table, JmsFigure figure) {
        Key natsjms = new Key(figure, Provider.NATSJMS);
        Key artemis = new Key(figure, Provider.ARTEMIS);
        Optional<Summary> ours = values.summary(natsjms);
        Optional<Summary> theirs = values.summary(artemis);
        if (ours.isEmpty() && theirs.isEmpty()) {
            return;
        }
        List<Double> ratios = values.ratios(natsjms, artemis);
        String ratio = ratios.isEmpty() ? "—" : Summary.of(ratios).format(Summary.ratioFormat(ratios));
        int count = Math.max(ours.map(Summary::count).orElse(0), theirs.map(Summary::count).orElse(0));
        table.row(figure.label(),
                ours.map(s -> s.format(figure.format())).orElse("—"),
                theirs.map(s -> s.format(figure.format())).orElse("—"),
                ratio,
                target(figure.goal(), ratios),
                String.valueOf(count));
    }

    private static String target(JmsFigure.Goal goal, List<Double> ratios) {
        String target = switch (goal) {
            case AT_LEAST -> "≥ 1x";
            case AT_MOST -> "≤ 1x";
            case NONE -> "";
        };
        if (goal == JmsFigure.Goal.NONE || ratios.isEmpty()) {
            return target;
        }
        double median = Summary.of(ratios).median();
        boolean met = goal == JmsFigure.Goal.AT_LEAST ? median >= 1 : median <= 1;
        return target + (met ? ": met" : ": not met");
    }
}
