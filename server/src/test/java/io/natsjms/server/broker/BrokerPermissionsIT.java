package io.natsjms.server.broker;

import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users with publish and subscribe permissions, compared byte for byte with nats-server configured
 * alike: a denied publish or subscription gets the {@code Permissions Violation} error, the message is
 * not routed, and the connection stays open; a wildcard subscription overlapping a deny entry gets
 * everything but the denied subjects.
 */
class BrokerPermissionsIT {

    @RegisterExtension
    final TestBrokers brokers = new TestBrokers();

    private static final BrokerUser APP = new BrokerUser("app", "app-secret", new Permissions(
            new SubjectPermission(List.of("orders.>", "_INBOX.>"), List.of("orders.secret")),
            new SubjectPermission(List.of("orders.*", "_INBOX.>"), List.of("orders.hidden"))));
    private static final BrokerUser ADMIN = new BrokerUser("admin", "admin-secret", Permissions.all());
    private static final BrokerUser AUDITOR = new BrokerUser("auditor", "auditor-secret", new Permissions(
            SubjectPermission.all(), new SubjectPermission(List.of(), List.of("orders.>"))));

    private RunningBroker start(BrokerKind kind) {
        return brokers.start(kind, BrokerConfig.builder().users(List.of(APP, ADMIN, AUDITOR)).build());
    }

    private static RawClient login(RunningBroker broker, BrokerUser user) {
        RawClient raw = RawClient.connect(broker.port());
        raw.send("CONNECT {\"verbose\":false,\"pedantic\":false,\"user\":\"" + user.name() + "\",\"pass\":\""
                + user.password() + "\"}\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
        return raw;
    }

    @BothBrokers
    void deniedPublishIsReportedAndNotRoutedAndTheConnectionStaysOpen(BrokerKind kind) {
        RunningBroker broker = start(kind);
        try (RawClient admin = login(broker, ADMIN); RawClient app = login(broker, APP)) {
            admin.exchange("SUB > 1\r\nPING\r\n", "PONG\r\n");

            String replies = app.exchange("PUB billing.invoices 2\r\nhi\r\nPUB orders.secret 2\r\nhi\r\n"
                    + "PUB orders.new 2\r\nok\r\nPING\r\n", "PONG\r\n");

            assertThat(replies).isEqualTo("-ERR 'Permissions Violation for Publish to \"billing.invoices\"'\r\n"
                    + "-ERR 'Permissions Violation for Publish to \"orders.secret\"'\r\n"
                    + "PONG\r\n");
            assertThat(admin.exchange("PING\r\n", "PONG\r\n")).isEqualTo("MSG orders.new 1 2\r\nok\r\nPONG\r\n");
        }
    }

    @BothBrokers
    void deniedSubscriptionIsReportedAndTheConnectionStaysOpen(BrokerKind kind) {
        RunningBroker broker = start(kind);
        try (RawClient app = login(broker, APP); RawClient admin = login(broker, ADMIN)) {
            String replies = app.exchange("SUB billing.* 1\r\nSUB orders.hidden workers 2\r\nSUB orders.a.b 3\r\n"
                    + "SUB orders.new 4\r\nPING\r\n", "PONG\r\n");

            assertThat(replies).isEqualTo("-ERR 'Permissions Violation for Subscription to \"billing.*\"'\r\n"
                    + "-ERR 'Permissions Violation for Subscription to \"orders.hidden\" using queue \"workers\"'\r\n"
                    + "-ERR 'Permissions Violation for Subscription to \"orders.a.b\"'\r\n"
                    + "PONG\r\n");
            admin.exchange("PUB orders.new 2\r\nok\r\nPING\r\n", "PONG\r\n");
            assertThat(app.exchange("PING\r\n", "PONG\r\n")).isEqualTo("MSG orders.new 4 2\r\nok\r\nPONG\r\n");
        }
    }

    /**
     * A deliberate difference: the embedded broker permits a subscription only when an allow entry covers
     * every subject it can match, so {@code orders.>} is refused under {@code orders.*}; nats-server 2.9
     * lets it through (and would deliver {@code orders.a.b} on it).
     */
    @org.junit.jupiter.api.Test
    void subscriptionWiderThanItsAllowEntryIsRefused() {
        RunningBroker broker = start(BrokerKind.EMBEDDED);
        try (RawClient app = login(broker, APP)) {
            assertThat(app.exchange("SUB orders.> 1\r\nPING\r\n", "PONG\r\n"))
                    .isEqualTo("-ERR 'Permissions Violation for Subscription to \"orders.>\"'\r\nPONG\r\n");
        }
    }

    @BothBrokers
    void wildcardSubscriptionOverlappingADenyEntryMissesOnlyTheDeniedSubjects(BrokerKind kind) {
        RunningBroker broker = start(kind);
        try (RawClient app = login(broker, APP); RawClient admin = login(broker, ADMIN)) {
            assertThat(app.exchange("SUB orders.* 1\r\nPING\r\n", "PONG\r\n")).isEqualTo("PONG\r\n");

            admin.exchange("PUB orders.hidden 6\r\nhidden\r\nPUB orders.new 2\r\nok\r\nPING\r\n", "PONG\r\n");

            assertThat(app.exchange("PING\r\n", "PONG\r\n")).isEqualTo("MSG orders.new 1 2\r\nok\r\nPONG\r\n");
        }
    }

    @BothBrokers
    void denyOnlyPermissionsAllowEverythingElse(BrokerKind kind) {
        RunningBroker broker = start(kind);
        try (RawClient auditor = login(broker, AUDITOR)) {
            String replies = auditor.exchange("SUB billing.> 1\r\nSUB orders.new 2\r\nPING\r\n", "PONG\r\n");

            assertThat(replies).isEqualTo("-ERR 'Permissions Violation for Subscription to \"orders.new\"'\r\nPONG\r\n");
        }
    }

    @BothBrokers
    void unknownUserOrWrongPasswordIsRefused(BrokerKind kind) {
        RunningBroker broker = start(kind);
        for (String credentials : List.of("\"user\":\"app\",\"pass\":\"wrong\"", "\"user\":\"nobody\",\"pass\":\"x\"")) {
            try (RawClient raw = RawClient.connect(broker.port())) {
                assertThat(raw.info()).contains("\"auth_required\":true");
                assertThat(raw.send("CONNECT {\"verbose\":false," + credentials + "}\r\n").readUntilClosed())
                        .isEqualTo("-ERR 'Authorization Violation'\r\n");
            }
        }
    }
}
