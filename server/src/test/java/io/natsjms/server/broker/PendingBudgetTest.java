package io.natsjms.server.broker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingBudgetTest {

    @Test
    void theShareIsTheBudgetOverTheClientsHoldingBytes() {
        PendingBudget budget = new PendingBudget(1_000);
        assertThat(budget.fairShare()).isEqualTo(1_000);

        assertThat(budget.charge(100, 100)).isFalse();
        assertThat(budget.charge(100, 200)).as("the same client again").isFalse();
        assertThat(budget.charge(300, 300)).as("a second client").isFalse();
        assertThat(budget.fairShare()).isEqualTo(500);
        assertThat(budget.total()).isEqualTo(500);

        budget.credit(200, 0);
        assertThat(budget.fairShare()).as("the first client holds nothing any more").isEqualTo(1_000);
        assertThat(budget.total()).isEqualTo(300);
    }

    @Test
    void chargingPastTheLimitSaysSo() {
        PendingBudget budget = new PendingBudget(1_000);
        assertThat(budget.charge(1_000, 1_000)).isFalse();
        assertThat(budget.charge(1, 1)).isTrue();
        budget.credit(1, 0);
        assertThat(budget.total()).isEqualTo(1_000);
    }
}
