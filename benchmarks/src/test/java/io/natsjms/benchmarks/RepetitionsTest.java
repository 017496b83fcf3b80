package io.natsjms.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepetitionsTest {

    @Test
    void ratiosPairTheSameRepetitionAndSkipMissingOrZeroReferences() {
        Repetitions<String> reps = new Repetitions<>();
        reps.add("a", 0, 10);
        reps.add("a", 1, 30);
        reps.add("a", 2, 50);
        reps.add("a", 3, 70);
        reps.add("b", 3, 35);
        reps.add("b", 1, 10);
        reps.add("b", 2, 0);

        assertThat(reps.values("a")).containsExactly(10.0, 30.0, 50.0, 70.0);
        assertThat(reps.ratios("a", "b")).containsExactly(3.0, 2.0);
        assertThat(reps.ratios("a", "missing")).isEmpty();
        assertThat(reps.summary("b")).contains(new Summary(10, 0, 35, 3));
        assertThat(reps.summary("missing")).isEmpty();
    }

    @Test
    void runOrderRotatesTheCases() {
        assertThat(RunOrder.rotated(List.of("a", "b", "c"), 0)).containsExactly("a", "b", "c");
        assertThat(RunOrder.rotated(List.of("a", "b", "c"), 4)).containsExactly("b", "c", "a");
    }

    @Test
    void markdownTableAlignsAndChecksItsCells() {
        MarkdownTable table = new MarkdownTable().left("case").right("msgs/s");
        assertThat(table.isEmpty()).isTrue();
        table.row("x", "1,000");

        assertThat(table.render()).isEqualTo("| case | msgs/s |\n|---|---:|\n| x | 1,000 |\n");
        assertThatThrownBy(() -> table.row("only one")).hasMessage("row: 1 cells (expected: 2)");
        assertThatThrownBy(() -> table.right("late")).hasMessageContaining("column \"late\" added after 1 rows");
    }

    @Test
    void ratioFormatKeepsSmallRatiosApart() {
        assertThat(Summary.ratioFormat(List.of(0.05, 2.0))).isEqualTo("%.3fx");
        assertThat(Summary.ratioFormat(List.of(0.5, 2.0))).isEqualTo("%.2fx");
        assertThat(Summary.ratioFormat(List.of(400.0))).isEqualTo("%,.0fx");
    }
}
