package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redelivery counts survive a restart of the streaming server on its MapDB directory (issue 5; the
 * original server restarts them at 1, docs/protocol.md#redelivery): the first redelivery after the restart carries the
 * last count before it plus one, for a plain subscription, a queue group whose message moved between
 * members, an offline durable resumed after the restart, and a message a recovered group adopted
 * from a member whose client is gone.
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class RedeliveryCountRecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);

    @Test
    void aPlainSubscriptionsCountGoesOnAfterRestart(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("r");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("r", "poison").setAckWaitInSecs(1));
        raw.publishOk("r", "poison", 1);
        await().atMost(WAIT).until(() -> highestCount(sub.received()) >= 2);
        stan.stopStreamingServer();
        int before = settled(sub.received());
        int last = highestCount(sub.received());

        stan.restartStreamingServer();

        await().atMost(WAIT).until(() -> sub.received().size() >= before + 2);
        assertThat(sub.received().subList(before, before + 2)).extracting(MsgProto::getSequence,
                MsgProto::getRedelivered, MsgProto::getRedeliveryCount).containsExactly(
                tuple(1L, true, last + 1),
                tuple(1L, true, last + 2));
        raw.ack(sub, 1);
        await().atMost(WAIT).until(() -> pendingOf(stan, "poison") == 0);
    }

    @Test
    void aQueueGroupsCountGoesOnAfterRestartWhereverTheMessageWent(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("a");
        raw.connect("b");
        RawStan.Sub a = raw.subscribeOk(raw.subRequest("a", "jobs").setQGroup("g").setAckWaitInSecs(1));
        RawStan.Sub b = raw.subscribeOk(raw.subRequest("b", "jobs").setQGroup("g").setAckWaitInSecs(1));
        raw.publishOk("a", "jobs", 1);
        await().atMost(WAIT).until(() -> highestCount(both(a, b)) >= 2);
        stan.stopStreamingServer();
        int beforeA = settled(a.received());
        int beforeB = settled(b.received());
        int last = highestCount(both(a, b));
        assertThat(a.received()).as("the redelivery moved between the members").isNotEmpty();
        assertThat(b.received()).as("the redelivery moved between the members").isNotEmpty();

        stan.restartStreamingServer();

        await().atMost(WAIT).until(() -> a.received().size() + b.received().size() > beforeA + beforeB);
        List<MsgProto> after = new ArrayList<>(a.received().subList(beforeA, a.received().size()));
        after.addAll(b.received().subList(beforeB, b.received().size()));
        assertThat(after).extracting(MsgProto::getRedeliveryCount).contains(last + 1)
                .allMatch(count -> count > last);
        raw.ack(a, 1);
        await().atMost(WAIT).until(() -> pendingOf(stan, "jobs") == 0);
    }

    @Test
    void anOfflineDurablesCountGoesOnWhenItIsResumedAfterRestart(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("d");
        RawStan.Sub first = raw.subscribeOk(raw.subRequest("d", "orders").setDurableName("dur").setAckWaitInSecs(1));
        raw.publishOk("d", "orders", 1);
        await().atMost(WAIT).until(() -> highestCount(first.received()) >= 2);
        assertThat(raw.closeSubscription("d", "orders", first.inbox()).getError()).isEmpty();
        settled(first.received());
        int last = highestCount(first.received());

        stan.restartStreamingServer();

        RawStan.Sub resumed = raw.subscribeOk(raw.subRequest("d", "orders").setDurableName("dur")
                .setAckWaitInSecs(1));
        await().atMost(WAIT).until(() -> !resumed.received().isEmpty());
        assertThat(resumed.received().get(0).getSequence()).isEqualTo(1);
        assertThat(resumed.received().get(0).getRedeliveryCount()).isEqualTo(last + 1);
        raw.ack(resumed, 1);
        await().atMost(WAIT).until(() -> pendingOf(stan, "orders") == 0);
    }

    @Test
    void theCountOfAGhostMembersPendingMessageStaysWithTheMemberThatAdoptsIt(StanTestServer stan) throws Exception {
        Path dir = MapDbDirectory.require(stan);
        RawStan raw = stan.raw();
        raw.connect("w");
        RawStan.Sub member = raw.subscribeOk(raw.subRequest("w", "jobs").setQGroup("q").setDurableName("dq"));
        raw.publishOk("w", "jobs", 3);
        await().atMost(WAIT).until(() -> member.received().size() == 3);
        raw.ack(member, 1);
        raw.ack(member, 3);
        await().atMost(WAIT).until(() -> pendingOf(stan, "jobs") == 1);
        assertThat(raw.closeSubscription("w", "jobs", member.inbox()).getError()).isEmpty();
        stan.stopStreamingServer();
        // What a crash between two joint writes can leave: a member whose client is gone, holding
        // message 3 after four redeliveries, next to the group's shadow.
        try (Store store = StoreProvider.named("mapdb").open(StoreConfig.at(dir, stan.config().storeLimits()))) {
            SubscriptionStore subs = store.lookupChannel("jobs").orElseThrow().subscriptions();
            SubState ghost = subs.create(SubState.newBuilder().setClientID("gone").setQGroup("q")
                    .setDurableName("dq").setIsDurable(true).setInbox("_INBOX.gone").setAckInbox("_INBOX.gone-acks")
                    .setMaxInFlight(10).setAckWaitInSecs(30).setLastSent(3).build());
            subs.addPending(ghost.getID(), 3);
            subs.setRedeliveryCount(ghost.getID(), 3, 4);
            store.commit();
        }

        // the first start hands message 3 to the shadow and deletes the ghost; the second recovers it from there
        stan.restartStreamingServer();
        stan.restartStreamingServer();

        raw.connect("w2");
        RawStan.Sub adopted = raw.subscribeOk(raw.subRequest("w2", "jobs").setQGroup("q").setDurableName("dq"));
        await().atMost(WAIT).until(() -> adopted.received().size() == 2);
        assertThat(adopted.received()).extracting(MsgProto::getSequence, MsgProto::getRedeliveryCount)
                .containsExactly(tuple(2L, 1), tuple(3L, 5));
    }

    /** Waits until nothing more arrives for a while (messages in flight when the server stopped); the size then. */
    private static int settled(List<MsgProto> received) {
        int[] size = {-1};
        await().during(QUIET).atMost(WAIT).until(() -> size[0] == (size[0] = received.size()));
        return size[0];
    }

    private static int highestCount(List<MsgProto> received) {
        return received.stream().mapToInt(MsgProto::getRedeliveryCount).max().orElse(-1);
    }

    private static List<MsgProto> both(RawStan.Sub a, RawStan.Sub b) {
        List<MsgProto> all = new ArrayList<>(a.received());
        all.addAll(b.received());
        return all;
    }

    private static int pendingOf(StanTestServer stan, String channel) {
        return stan.channel(channel).orElseThrow().subscriptions().stream()
                .mapToInt(ServerSnapshot.SubscriptionView::pendingCount).sum();
    }
}
