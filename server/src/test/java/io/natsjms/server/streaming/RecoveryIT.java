package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.Message;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The streaming server restarted on its MapDB directory while NATS and the clients stay up (docs/protocol.md#durability-and-recovery):
 * everything comes back, and clients carry on without connecting again.
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class RecoveryIT {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration QUIET = Duration.ofMillis(500);

    @Test
    void clientsChannelsMessagesAndSubscriptionsComeBackAndTheClientCarriesOn(StanTestServer stan)
            throws Exception {
        List<Throwable> lost = new CopyOnWriteArrayList<>();
        StreamingConnection sc = stan.connect("survivor", o -> o.pingInterval(Duration.ofMillis(200))
                .maxPingsOut(50).connectionLostHandler((conn, e) -> lost.add(e)));
        List<Message> plain = new CopyOnWriteArrayList<>();
        List<Message> durable = new CopyOnWriteArrayList<>();
        sc.subscribe("foo", plain::add);
        sc.subscribe("foo", durable::add, new SubscriptionOptions.Builder().durableName("dur").build());
        for (int i = 1; i <= 3; i++) {
            sc.publish("foo", payload("foo-" + i));
        }
        sc.publish("bar", payload("bar-1"));
        await().atMost(WAIT).until(() -> plain.size() == 3 && durable.size() == 3);
        await().atMost(WAIT).until(() -> stan.channel("foo").orElseThrow().subscriptions().stream()
                .allMatch(s -> s.pendingCount() == 0));
        ServerSnapshot before = stan.snapshot();

        stan.restartStreamingServer();

        ServerSnapshot after = stan.snapshot();
        assertThat(after.clients()).isEqualTo(before.clients());
        assertThat(after.channels()).isEqualTo(before.channels());
        assertThat(after.clients()).singleElement().satisfies(c -> assertThat(c.subscriptions()).hasSize(2));
        assertThat(after.channels()).extracting(ServerSnapshot.ChannelView::name, ServerSnapshot.ChannelView::msgs)
                .containsExactly(tuple("bar", 1L),
                        tuple("foo", 3L));

        sc.publish("foo", payload("foo-4"));
        await().atMost(WAIT).until(() -> plain.size() == 4 && durable.size() == 4);
        assertThat(plain).extracting(Message::getSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(durable).extracting(Message::getSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(plain).noneMatch(Message::isRedelivered);
        assertThat(text(plain.get(3))).isEqualTo("foo-4");
        // the client's pings go on being answered (a ping the server can't place would end the connection)
        await().during(QUIET).atMost(WAIT).until(lost::isEmpty);
    }

    @Test
    void sequencesContinueWithoutReuseAcrossRestarts(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("publisher");
        sc.publish("seq", payload("a"));
        sc.publish("seq", payload("b"));
        stan.restartStreamingServer();
        sc.publish("seq", payload("c"));
        stan.restartStreamingServer();
        sc.publish("seq", payload("d"));

        List<Message> all = new CopyOnWriteArrayList<>();
        sc.subscribe("seq", all::add, new SubscriptionOptions.Builder().deliverAllAvailable().build());
        await().atMost(WAIT).until(() -> all.size() == 4);
        assertThat(all).extracting(Message::getSequence).containsExactly(1L, 2L, 3L, 4L);
        assertThat(all).extracting(RecoveryIT::text).containsExactly("a", "b", "c", "d");
        await().during(QUIET).atMost(WAIT).until(() -> all.size() == 4);
    }

    @Test
    void aDurableResumesAfterItsLastAckWithTheUnackedOnesRedelivered(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("resumer");
        List<Message> first = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("dur").manualAcks()
                .ackWait(Duration.ofSeconds(30)).deliverAllAvailable().build();
        Subscription sub = sc.subscribe("orders", first::add, options);
        for (int i = 1; i <= 5; i++) {
            sc.publish("orders", payload("o" + i));
        }
        await().atMost(WAIT).until(() -> first.size() == 5);
        for (Message m : first.subList(0, 3)) {
            m.ack();
        }
        await().atMost(WAIT).until(() -> pendingOf(stan, "orders") == 2);
        sub.close();

        stan.restartStreamingServer();

        assertThat(stan.channel("orders").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.offline()).isTrue())
                .satisfies(s -> assertThat(s.lastSent()).isEqualTo(5))
                .satisfies(s -> assertThat(s.pendingCount()).isEqualTo(2));
        sc.publish("orders", payload("o6"));
        List<Message> resumed = new CopyOnWriteArrayList<>();
        sc.subscribe("orders", m -> ackAndAdd(m, resumed), options);
        await().atMost(WAIT).until(() -> resumed.size() == 3);
        assertThat(resumed).extracting(Message::getSequence).containsExactly(4L, 5L, 6L);
        assertThat(resumed).extracting(Message::isRedelivered).containsExactly(true, true, false);
        await().atMost(WAIT).until(() -> pendingOf(stan, "orders") == 0);
        await().during(QUIET).atMost(WAIT).until(() -> resumed.size() == 3);
    }

    @Test
    void pendingMessagesOfAnOnlineSubscriptionAreRedeliveredAfterRestart(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("slow");
        List<Message> got = new CopyOnWriteArrayList<>();
        sc.subscribe("work", got::add, new SubscriptionOptions.Builder().manualAcks()
                .ackWait(Duration.ofSeconds(1)).build());
        sc.publish("work", payload("w1"));
        sc.publish("work", payload("w2"));
        await().atMost(WAIT).until(() -> got.size() >= 2);

        stan.restartStreamingServer();
        int atRestart = got.size();

        await().atMost(WAIT).until(() -> got.stream().skip(atRestart).map(Message::getSequence).distinct()
                .count() == 2);
        assertThat(got.stream().skip(atRestart)).allMatch(Message::isRedelivered)
                .extracting(Message::getSequence).allMatch(seq -> seq == 1L || seq == 2L);
        // acks reach the recovered subscription without a new subscribe
        for (Message m : List.copyOf(got)) {
            m.ack();
        }
        await().atMost(WAIT).until(() -> pendingOf(stan, "work") == 0);
    }

    @Test
    void offlineDurablesAreNotSentToAfterRestart(StanTestServer stan) throws Exception {
        RawStan raw = stan.raw();
        raw.connect("raw");
        RawStan.Sub sub = raw.subscribeOk(raw.subRequest("raw", "news").setDurableName("d")
                .setStartPosition(StartPosition.First));
        raw.publishOk("raw", "news", 1);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        raw.ack(sub, 1);
        await().atMost(WAIT).until(() -> pendingOf(stan, "news") == 0);
        assertThat(raw.closeSubscription("raw", "news", sub.inbox()).getError()).isEmpty();

        stan.restartStreamingServer();
        raw.publishOk("raw", "news", 2);

        await().during(QUIET).atMost(WAIT).until(() -> sub.received().size() == 1);
        RawStan.Sub resumed = raw.subscribeOk(raw.subRequest("raw", "news").setDurableName("d"));
        await().atMost(WAIT).until(() -> resumed.received().size() == 2);
        assertThat(resumed.sequences()).containsExactly(2L, 3L);
        assertThat(sub.received()).hasSize(1);
    }

    @Test
    void aDurableQueueGroupsShadowSurvivesAndIsAdoptedByTheNextMember(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("worker");
        List<Message> first = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("dq").manualAcks()
                .ackWait(Duration.ofSeconds(30)).deliverAllAvailable().build();
        Subscription member = sc.subscribe("jobs", "q", first::add, options);
        for (int i = 1; i <= 3; i++) {
            sc.publish("jobs", payload("j" + i));
        }
        await().atMost(WAIT).until(() -> first.size() == 3);
        first.get(0).ack();
        await().atMost(WAIT).until(() -> pendingOf(stan, "jobs") == 2);
        member.close();

        stan.restartStreamingServer();

        assertThat(stan.channel("jobs").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.queueName()).isEqualTo("dq:q"))
                .satisfies(s -> assertThat(s.clientId()).isEmpty())
                .satisfies(s -> assertThat(s.pendingCount()).isEqualTo(2));
        StreamingConnection other = stan.connect("other-worker");
        List<Message> adopted = new CopyOnWriteArrayList<>();
        other.subscribe("jobs", "q", m -> ackAndAdd(m, adopted), options);
        sc.publish("jobs", payload("j4"));
        await().atMost(WAIT).until(() -> adopted.size() == 3);
        assertThat(adopted).extracting(Message::getSequence).containsExactly(2L, 3L, 4L);
        assertThat(adopted).extracting(Message::isRedelivered).containsExactly(true, true, false);
    }

    @Test
    void pendingOfAGhostDurableQueueMemberGoesToTheGroupInsteadOfBeingDropped(StanTestServer stan) throws Exception {
        Path dir = MapDbDirectory.require(stan);
        StreamingConnection sc = stan.connect("worker");
        List<Message> first = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("dq").manualAcks()
                .ackWait(Duration.ofSeconds(30)).deliverAllAvailable().build();
        Subscription member = sc.subscribe("jobs", "q", first::add, options);
        for (int i = 1; i <= 3; i++) {
            sc.publish("jobs", payload("j" + i));
        }
        await().atMost(WAIT).until(() -> first.size() == 3);
        first.get(0).ack();
        first.get(2).ack();
        await().atMost(WAIT).until(() -> pendingOf(stan, "jobs") == 1);
        member.close();
        stan.stopStreamingServer();
        // What a crash between two normally joint writes can leave: a member record whose client is
        // gone, still holding a pending message, next to the group's shadow.
        try (Store store = StoreProvider.named("mapdb").open(StoreConfig.at(dir, stan.config().storeLimits()))) {
            SubscriptionStore subs = store.lookupChannel("jobs").orElseThrow().subscriptions();
            SubState ghost = subs.create(SubState.newBuilder().setClientID("gone").setQGroup("q")
                    .setDurableName("dq").setIsDurable(true).setInbox("_INBOX.gone").setAckInbox("_INBOX.gone-acks")
                    .setMaxInFlight(10).setAckWaitInSecs(30).setLastSent(3).build());
            subs.addPending(ghost.getID(), 3);
            store.commit();
        }

        stan.restartStreamingServer();

        assertThat(stan.channel("jobs").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.clientId()).isEmpty())
                .satisfies(s -> assertThat(s.pendingCount()).isEqualTo(2));
        List<Message> adopted = new CopyOnWriteArrayList<>();
        stan.connect("other-worker").subscribe("jobs", "q", m -> ackAndAdd(m, adopted), options);
        await().atMost(WAIT).until(() -> adopted.size() == 2);
        assertThat(adopted).extracting(Message::getSequence).containsExactly(2L, 3L);
    }

    @Test
    void aDurableOfAClosedConnectionIsResumedByTheClientsNextConnection(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("returning");
        List<Message> first = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("dur").deliverAllAvailable()
                .build();
        sc.subscribe("events", first::add, options);
        sc.publish("events", payload("e1"));
        await().atMost(WAIT).until(() -> first.size() == 1 && pendingOf(stan, "events") == 0);
        sc.close();

        stan.restartStreamingServer();

        assertThat(stan.snapshot().clients()).isEmpty();
        StreamingConnection again = stan.connect("returning");
        again.publish("events", payload("e2"));
        List<Message> resumed = new CopyOnWriteArrayList<>();
        again.subscribe("events", resumed::add, options);
        await().atMost(WAIT).until(() -> resumed.size() == 1);
        assertThat(resumed).extracting(Message::getSequence).containsExactly(2L);
        await().during(QUIET).atMost(WAIT).until(() -> resumed.size() == 1);
    }

    @Test
    void queueMembersGetTheirOwnPendingBackAfterRestart(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("members");
        List<Received> log = new CopyOnWriteArrayList<>();
        SubscriptionOptions options = new SubscriptionOptions.Builder().durableName("dq").manualAcks()
                .ackWait(Duration.ofSeconds(1)).build();
        sc.subscribe("tasks", "q", m -> log.add(new Received("A", m)), options);
        sc.subscribe("tasks", "q", m -> log.add(new Received("B", m)), options);
        for (int i = 1; i <= 4; i++) {
            sc.publish("tasks", payload("t" + i));
        }
        // once each was redelivered, each is overdue: recovery resends them all at once, to their holder
        await().atMost(WAIT).until(() -> log.stream().filter(r -> r.message().isRedelivered())
                .map(r -> r.message().getSequence()).distinct().count() == 4);
        stan.stopStreamingServer();
        int[] settled = {-1};
        await().during(QUIET).atMost(WAIT).until(() -> settled[0] == (settled[0] = log.size()));
        Map<Long, String> holders = new TreeMap<>();
        log.forEach(r -> holders.put(r.message().getSequence(), r.member()));

        stan.restartStreamingServer();

        Map<Long, String> firstAfterRestart = new TreeMap<>();
        await().atMost(WAIT).until(() -> {
            log.subList(settled[0], log.size())
                    .forEach(r -> firstAfterRestart.putIfAbsent(r.message().getSequence(), r.member()));
            return firstAfterRestart.size() == 4;
        });
        assertThat(firstAfterRestart).isEqualTo(holders);
        assertThat(log.subList(settled[0], log.size())).allMatch(r -> r.message().isRedelivered());
        for (Received r : List.copyOf(log)) {
            r.message().ack();
        }
        await().atMost(WAIT).until(() -> pendingOf(stan, "tasks") == 0);
    }

    /** A message as a queue member received it. */
    private record Received(String member, Message message) {
    }

    @Test
    void aStoreOfAnotherClusterIsRefusedAndLeftIntact(StanTestServer stan) throws Exception {
        StreamingConnection sc = stan.connect("loyal");
        sc.publish("kept", payload("k"));

        assertThatThrownBy(() -> stan.restartStreamingServer(b -> b.clusterId("other")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cluster ID \"other\" does not match recovered value of \"conformance\"");

        stan.restartStreamingServer();
        assertThat(stan.channel("kept").orElseThrow().msgs()).isEqualTo(1);
        sc.publish("kept", payload("k2"));
        assertThat(stan.channel("kept").orElseThrow().lastSeq()).isEqualTo(2);
    }

    private static int pendingOf(StanTestServer stan, String channel) {
        return stan.channel(channel).orElseThrow().subscriptions().stream()
                .mapToInt(ServerSnapshot.SubscriptionView::pendingCount).sum();
    }

    private static void ackAndAdd(Message m, List<Message> into) {
        try {
            m.ack();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        into.add(m);
    }

    private static byte[] payload(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(Message m) {
        return new String(m.getData(), StandardCharsets.UTF_8);
    }
}
