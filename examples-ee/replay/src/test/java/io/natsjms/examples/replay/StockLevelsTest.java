package io.natsjms.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockLevelsTest {

    private static final List<StockChange> HISTORY = List.of(
            new StockChange("e-1", "pear", 10),
            new StockChange("e-2", "apple", 5),
            new StockChange("e-3", "pear", -3),
            new StockChange("e-4", "apple", -5),
            new StockChange("e-5", "pear", 1));

    @Test
    void foldsTheHistoryIntoLevelsPerArticle() {
        StockLevels levels = replay(HISTORY);

        StockView view = levels.view();
        assertThat(view.levels()).containsExactly(Map.entry("apple", 0L), Map.entry("pear", 8L));
        assertThat(view.eventsApplied()).isEqualTo(5);
        assertThat(view.duplicatesIgnored()).isZero();
        assertThat(levels.of("pear")).contains(new StockLevel("pear", 8));
        assertThat(levels.of("plum")).isEmpty();
    }

    @Test
    void replayingTheHistoryAgainChangesNothing() {
        StockLevels levels = replay(HISTORY);
        StockView once = levels.view();

        HISTORY.forEach(levels::apply);

        assertThat(levels.view().levels()).isEqualTo(once.levels());
        assertThat(levels.view().eventsApplied()).isEqualTo(5);
        assertThat(levels.view().duplicatesIgnored()).isEqualTo(5);
    }

    @Test
    void aFreshDeploymentRebuildsTheSameStateFromTheSameHistory() {
        assertThat(replay(HISTORY).view()).isEqualTo(replay(HISTORY).view());
    }

    @Test
    void levelsMayGoBelowZeroAsTheEventsSay() {
        StockLevels levels = replay(List.of(new StockChange("e-1", "apple", -2)));

        assertThat(levels.of("apple")).contains(new StockLevel("apple", -2));
    }

    private static StockLevels replay(List<StockChange> history) {
        StockLevels levels = new StockLevels();
        history.forEach(levels::apply);
        return levels;
    }
}
