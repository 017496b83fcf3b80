package io.natsjms.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderEventTest {

    @Test
    void travelsAsMapEntriesWithoutLosingPrecision() {
        OrderEvent event = new OrderEvent("o-1", "alice", new BigDecimal("12.50"));

        Map<String, Object> entries = event.toMap();

        assertThat(entries).containsOnly(Map.entry("orderId", "o-1"), Map.entry("customer", "alice"),
                Map.entry("amount", "12.50"));
        assertThat(OrderEvent.fromMap(entries)).isEqualTo(event);
    }

    @Test
    void placedOrdersGetDistinctIds() {
        OrderEvent first = OrderEvent.placed("alice", BigDecimal.ONE);
        OrderEvent second = OrderEvent.placed("alice", BigDecimal.ONE);

        assertThat(first.orderId()).isNotBlank().isNotEqualTo(second.orderId());
    }

    @Test
    void rejectsAmountsThatAreNotPositiveOrHaveMoreThanTwoDecimals() {
        assertThatThrownBy(() -> OrderEvent.placed("alice", BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount: 0 (expected: a positive amount with at most two decimals)");
        assertThatThrownBy(() -> OrderEvent.placed("alice", new BigDecimal("-3")))
                .hasMessageStartingWith("amount: -3 ");
        assertThatThrownBy(() -> OrderEvent.placed("alice", new BigDecimal("1.005")))
                .hasMessageStartingWith("amount: 1.005 ");
        assertThatThrownBy(() -> OrderEvent.placed("alice", null))
                .hasMessageStartingWith("amount: null ");
        assertThat(OrderEvent.placed("alice", new BigDecimal("1.500")).amount()).isEqualByComparingTo("1.5");
    }

    @Test
    void rejectsMissingOrBlankCustomers() {
        assertThatThrownBy(() -> OrderEvent.placed(null, BigDecimal.ONE))
                .hasMessage("customer: missing (expected: a non-empty string)");
        assertThatThrownBy(() -> OrderEvent.placed(" ", BigDecimal.ONE))
                .hasMessage("customer: \" \" (expected: a non-empty string)");
    }

    @Test
    void readingAMalformedMessageNamesTheField() {
        Map<String, Object> entries = new HashMap<>(new OrderEvent("o-1", "alice", BigDecimal.TEN).toMap());
        entries.put("amount", "ten");
        assertThatThrownBy(() -> OrderEvent.fromMap(entries))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("amount: \"ten\" (expected: a decimal number)");

        entries.remove("orderId");
        entries.put("amount", "10");
        assertThatThrownBy(() -> OrderEvent.fromMap(entries)).hasMessage("orderId: missing (expected: a non-empty string)");
    }
}
