package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** startPosition lets a new subscription replay the channel: from the first message, a sequence or a time. */
@ExtendWith(HarnessExtension.class)
class ReplayIT {

    @Test
    void replaysFromTheFirstMessage(Harness harness) throws Exception {
        harness.publish("events", "e1", "e2", "e3");

        assertThat(replay(harness, "events", "first", 3)).containsExactly("e1", "e2", "e3");
    }

    @Test
    void replaysFromAnInstant(Harness harness) throws Exception {
        harness.publish("events", "old1", "old2");
        Instant since = Instant.now();
        // STAN sends a start time as a delta from the subscriber's clock, so the server starts later by the
        // subscription request's latency: leave more than that between the instant and the next message
        await().atMost(PATIENCE).until(() -> Instant.now().isAfter(since.plusSeconds(1)));
        harness.publish("events", "new1", "new2");

        assertThat(replay(harness, "events", "time:" + since, 2)).containsExactly("new1", "new2");
    }

    @Test
    void replaysFromADurationAgo(Harness harness) throws Exception {
        harness.publish("events", "e1", "e2");

        assertThat(replay(harness, "events", "time:PT1H", 2)).containsExactly("e1", "e2");
    }

    @Test
    void takesTheStartPositionFromTheDestinationNameToo(Harness harness) throws Exception {
        harness.publish("events", "e1", "e2", "e3");

        assertThat(replay(harness, "events?startPosition=sequence:2", null, 2)).containsExactly("e2", "e3");
    }

    @Test
    void startsWithNewMessagesByDefault(Harness harness) throws Exception {
        harness.publish("events", "before");
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        harness.activate(mdb, harness.spec("events"));
        harness.awaitSubscribers("events", 1);
        harness.publish("events", "after");

        await().atMost(PATIENCE).until(() -> !mdb.texts().isEmpty());
        assertThat(mdb.texts()).containsExactly("after");
    }

    /** Activates a new durable subscription from {@code startPosition} and returns the first {@code count} texts. */
    private static List<String> replay(Harness harness, String destination, String startPosition, int count)
            throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        NatsActivationSpec spec = harness.spec(destination);
        spec.setStartPosition(startPosition);
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("rebuild");
        harness.activate(mdb, spec);
        await().atMost(PATIENCE).until(() -> mdb.texts().size() >= count);
        await().atMost(PATIENCE).until(() -> harness.server.pending("events") == 0);
        return mdb.texts();
    }
}
