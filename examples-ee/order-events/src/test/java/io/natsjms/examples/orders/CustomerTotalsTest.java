package io.natsjms.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CustomerTotalsTest {

    private final CustomerTotals totals = new CustomerTotals();

    @Test
    void sumsTheOrdersOfEachCustomerSortedByName() {
        totals.apply(order("o-1", "bob", "5.00"));
        totals.apply(order("o-2", "alice", "12.50"));
        totals.apply(order("o-3", "alice", "7.25"));

        TotalsView view = totals.view();

        assertThat(view.ordersCounted()).isEqualTo(3);
        assertThat(view.duplicatesIgnored()).isZero();
        assertThat(view.customers()).extracting(CustomerTotal::customer, CustomerTotal::orders)
                .containsExactly(tuple("alice", 2), tuple("bob", 1));
        assertThat(totals.of("alice").orElseThrow().total()).isEqualByComparingTo("19.75");
        assertThat(totals.of("bob").orElseThrow().total()).isEqualByComparingTo("5");
    }

    @Test
    void aRedeliveredEventIsCountedOnce() {
        OrderEvent event = order("o-1", "alice", "10");

        assertThat(totals.apply(event)).isTrue();
        assertThat(totals.apply(event)).isFalse();

        assertThat(totals.of("alice").orElseThrow()).satisfies(total -> {
            assertThat(total.orders()).isEqualTo(1);
            assertThat(total.total()).isEqualByComparingTo("10");
        });
        assertThat(totals.view().ordersCounted()).isEqualTo(1);
        assertThat(totals.view().duplicatesIgnored()).isEqualTo(1);
    }

    @Test
    void anUnknownCustomerHasNoTotal() {
        totals.apply(order("o-1", "alice", "1"));

        assertThat(totals.of("carol")).isEmpty();
    }

    @Test
    void theViewIsASnapshot() {
        totals.apply(order("o-1", "alice", "1"));
        TotalsView before = totals.view();

        totals.apply(order("o-2", "alice", "2"));

        assertThat(before.customers()).singleElement().extracting(CustomerTotal::orders).isEqualTo(1);
        assertThat(totals.view().customers()).singleElement().extracting(CustomerTotal::orders).isEqualTo(2);
    }

    private static OrderEvent order(String id, String customer, String amount) {
        return new OrderEvent(id, customer, new BigDecimal(amount));
    }
}
