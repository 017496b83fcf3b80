package io.natsjms.examples.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StockChangeTest {

    @Test
    void travelsAsMapEntries() {
        StockChange change = new StockChange("e-1", "apple", -3);

        assertThat(change.toMap()).containsOnly(Map.entry("eventId", "e-1"), Map.entry("sku", "apple"),
                Map.entry("delta", -3L));
        assertThat(StockChange.fromMap(change.toMap())).isEqualTo(change);
    }

    @Test
    void acceptsAnyWholeNumberTypeForTheDelta() {
        assertThat(StockChange.fromMap(Map.of("eventId", "e-1", "sku", "apple", "delta", 7)).delta()).isEqualTo(7);
        assertThatThrownBy(() -> StockChange.fromMap(Map.of("eventId", "e-1", "sku", "apple", "delta", 1.5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delta: 1.5 (expected: a whole number)");
    }

    @Test
    void rejectsAZeroChangeAndMissingFields() {
        assertThatThrownBy(() -> StockChange.of("apple", 0)).hasMessage("delta: 0 (expected: a positive or negative change)");
        assertThatThrownBy(() -> StockChange.of("", 1)).hasMessage("sku: \"\" (expected: a non-empty string)");
        Map<String, Object> entries = new HashMap<>(StockChange.of("apple", 1).toMap());
        entries.remove("eventId");
        assertThatThrownBy(() -> StockChange.fromMap(entries)).hasMessage("eventId: missing (expected: a non-empty string)");
    }

    @Test
    void newChangesGetDistinctIds() {
        assertThat(StockChange.of("apple", 1).eventId()).isNotEqualTo(StockChange.of("apple", 1).eventId());
    }
}
