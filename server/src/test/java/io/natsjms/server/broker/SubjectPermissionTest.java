package io.natsjms.server.broker;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubjectPermissionTest {

    private final SubjectPermission orders = new SubjectPermission(List.of("orders.>", "_INBOX.*"),
            List.of("orders.secret", "orders.*.audit"));

    @Test
    void publishNeedsAnAllowEntryAndNoDenyEntry() {
        assertThat(orders.permitsPublish("orders.new")).isTrue();
        assertThat(orders.permitsPublish("orders.eu.new")).isTrue();
        assertThat(orders.permitsPublish("_INBOX.abc")).isTrue();
        assertThat(orders.permitsPublish("orders")).isFalse();
        assertThat(orders.permitsPublish("_INBOX.abc.def")).isFalse();
        assertThat(orders.permitsPublish("orders.secret")).isFalse();
        assertThat(orders.permitsPublish("orders.eu.audit")).isFalse();
        assertThat(orders.permitsPublish("billing.new")).isFalse();
    }

    @Test
    void subscriptionMustBeCoveredByAnAllowEntryAndByNoDenyEntry() {
        assertThat(orders.permitsSubscribe("orders.*")).isTrue();
        assertThat(orders.permitsSubscribe("orders.>")).isTrue();
        assertThat(orders.permitsSubscribe("_INBOX.*")).isTrue();
        assertThat(orders.permitsSubscribe("_INBOX.>")).as("wider than _INBOX.*").isFalse();
        assertThat(orders.permitsSubscribe("*.new")).isFalse();
        assertThat(orders.permitsSubscribe("orders.secret")).isFalse();
        assertThat(orders.permitsSubscribe("orders.eu.audit")).isFalse();
    }

    @Test
    void wildcardSubscriptionsOverlappingADenyEntryNeedTheDeliveryFilter() {
        assertThat(orders.overlapsDenied("orders.*")).isTrue();
        assertThat(orders.overlapsDenied("orders.>")).isTrue();
        assertThat(orders.overlapsDenied("orders.new")).isFalse();
        assertThat(orders.overlapsDenied("orders.*.new")).isFalse();
        assertThat(orders.deniesMessage("orders.secret")).isTrue();
        assertThat(orders.deniesMessage("orders.new")).isFalse();
    }

    @Test
    void emptyAllowListAllowsEverythingNotDenied() {
        SubjectPermission denyOnly = new SubjectPermission(List.of(), List.of("admin.>"));
        assertThat(denyOnly.permitsPublish("anything")).isTrue();
        assertThat(denyOnly.permitsPublish("admin.x")).isFalse();
        assertThat(denyOnly.permitsSubscribe(">")).as("covered by no deny entry").isTrue();
        assertThat(denyOnly.overlapsDenied(">")).isTrue();
        assertThat(SubjectPermission.all().unrestricted()).isTrue();
    }

    @Test
    void badSubjectIsRefusedWithItsText() {
        assertThatThrownBy(() -> SubjectPermission.allowOnly(List.of("orders..new")))
                .hasMessage("permission subject: \"orders..new\" (expected: a subject such as orders.new,"
                        + " wildcards * and > allowed)");
    }
}
