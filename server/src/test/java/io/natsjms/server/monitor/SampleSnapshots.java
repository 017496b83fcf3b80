package io.natsjms.server.monitor;

import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.streaming.ServerSnapshot.ChannelView;
import io.natsjms.server.streaming.ServerSnapshot.ClientView;
import io.natsjms.server.streaming.ServerSnapshot.SubscriptionView;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.StoreLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A hand-built server state for the monitoring tests. */
final class SampleSnapshots {

    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    /** alice: plain sub on orders and a queue member on jobs. */
    static final SubscriptionView ALICE_ORDERS = new SubscriptionView("orders", "alice", "_INBOX.a1",
            "_STAN.ack.a1", "", "", false, false, 16, 30, 3, 1, false);
    static final SubscriptionView ALICE_JOBS = new SubscriptionView("jobs", "alice", "_INBOX.a2",
            "_STAN.ack.a2", "", "workers", false, false, 1, 5, 2, 1, true);
    /** carol: an online durable on orders. */
    static final SubscriptionView CAROL_ORDERS = new SubscriptionView("orders", "carol", "_INBOX.c1",
            "_STAN.ack.c1", "audit", "", true, false, 1024, 60, 2, 0, false);
    /** dave left: his durable on orders is offline. */
    static final SubscriptionView DAVE_OFFLINE = new SubscriptionView("orders", "dave", "_INBOX.d1",
            "_STAN.ack.d1", "billing", "", true, true, 8, 30, 1, 0, false);

    private SampleSnapshots() {
    }

    static StoreLimits limits() {
        ChannelLimits defaults = ChannelLimits.defaults().withMaxAge(Duration.ofHours(1));
        return StoreLimits.defaults().withChannelDefaults(defaults)
                .withOverrides(Map.of("orders", ChannelLimits.inherit().withMaxMsgs(10)));
    }

    static ServerSnapshot sample() {
        List<ClientView> clients = List.of(
                new ClientView("alice", "_INBOX.hb.alice", List.of(ALICE_ORDERS, ALICE_JOBS)),
                new ClientView("bob", "_INBOX.hb.bob", List.of()),
                new ClientView("carol", "_INBOX.hb.carol", List.of(CAROL_ORDERS)));
        List<ChannelView> channels = List.of(
                new ChannelView("jobs", 2, 20, 1, 2, List.of(ALICE_JOBS)),
                new ChannelView("orders", 3, 30, 1, 3, List.of(ALICE_ORDERS, CAROL_ORDERS, DAVE_OFFLINE)),
                new ChannelView("zeta", 0, 0, 0, 0, List.of()));
        return new ServerSnapshot("test-cluster", "srv-1", "memory", START, limits(), 5, 500, 7, 700, 2,
                clients, channels, List.of());
    }
}
