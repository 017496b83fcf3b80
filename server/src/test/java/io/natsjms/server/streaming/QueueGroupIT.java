package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.StreamingConnection;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import io.natsjms.protocol.pb.SubscriptionRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Queue groups: distribution, stalled members, members leaving, durable groups and their shadow (docs/protocol.md#queue-groups). */
@ExtendWith(StanServerExtension.class)
class QueueGroupIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(300);

    private StanTestServer stan;
    private RawStan raw;

    @BeforeEach
    void connect(StanTestServer stan) {
        this.stan = stan;
        raw = stan.raw();
        raw.connect("q1");
        raw.connect("q2");
        raw.connect("q3");
    }

    private SubscriptionRequest.Builder member(String client, String group) {
        return raw.subRequest(client, "jobs").setQGroup(group);
    }

    private static List<Long> all(RawStan.Sub... subs) {
        List<Long> all = new ArrayList<>();
        for (RawStan.Sub sub : subs) {
            all.addAll(sub.sequences());
        }
        return all;
    }

    @Test
    void eachMessageGoesToExactlyOneMember() {
        RawStan.Sub a = raw.subscribeOk(member("q1", "workers"));
        RawStan.Sub b = raw.subscribeOk(member("q2", "workers"));
        RawStan.Sub c = raw.subscribeOk(member("q3", "workers"));
        raw.publishOk("q1", "jobs", 30);

        await().atMost(WAIT).until(() -> all(a, b, c).size() >= 30);
        await().during(QUIET).atMost(WAIT).until(() -> all(a, b, c).size() == 30);
        assertThat(all(a, b, c)).doesNotHaveDuplicates().hasSize(30);
        assertThat(List.of(a, b, c)).allSatisfy(s -> assertThat(s.received()).isNotEmpty());
    }

    @Test
    void officialClientsShareAGroup() throws Exception {
        StreamingConnection a = stan.connect("java-a");
        StreamingConnection b = stan.connect("java-b");
        List<Long> gotA = new CopyOnWriteArrayList<>();
        List<Long> gotB = new CopyOnWriteArrayList<>();
        a.subscribe("java", "g", m -> gotA.add(m.getSequence()));
        b.subscribe("java", "g", m -> gotB.add(m.getSequence()));
        for (int i = 0; i < 50; i++) {
            a.publish("java", new byte[] {(byte) i});
        }
        await().atMost(WAIT).until(() -> gotA.size() + gotB.size() == 50);
        List<Long> both = new ArrayList<>(gotA);
        both.addAll(gotB);
        assertThat(both).doesNotHaveDuplicates();
        assertThat(gotA).isNotEmpty();
        assertThat(gotB).isNotEmpty();
    }

    @Test
    void aStalledMemberDoesNotStallTheGroup() {
        RawStan.Sub stalled = raw.subscribeOk(member("q1", "workers").setMaxInFlight(1));
        RawStan.Sub busy = raw.subscribeOk(member("q2", "workers").setMaxInFlight(1));
        raw.publishOk("q1", "jobs", 10);
        await().atMost(WAIT).until(() -> all(stalled, busy).size() == 2);

        for (long acked = 0; acked < 8; acked++) {
            long next = busy.received().get(busy.received().size() - 1).getSequence();
            int before = busy.received().size();
            raw.ack(busy, next);
            await().atMost(WAIT).until(() -> busy.received().size() == before + 1);
        }

        assertThat(stalled.received()).hasSize(1);
        assertThat(all(stalled, busy)).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
    }

    @Test
    void aGroupWhoseMembersAreAllStalledResumesWhenAMemberJoins() {
        RawStan.Sub first = raw.subscribeOk(member("q1", "workers").setMaxInFlight(1));
        raw.publishOk("q1", "jobs", 3);
        await().atMost(WAIT).until(() -> first.received().size() == 1);
        await().during(QUIET).atMost(WAIT).until(() -> first.received().size() == 1);

        RawStan.Sub joining = raw.subscribeOk(member("q2", "workers").setMaxInFlight(1));

        await().atMost(WAIT).until(() -> joining.received().size() == 1);
        assertThat(joining.sequences()).containsExactly(2L);
        raw.ack(first, 1);
        await().atMost(WAIT).until(() -> first.received().size() == 2);
        assertThat(first.sequences()).containsExactly(1L, 3L);
    }

    @Test
    void aLateAckFromTheOriginalMemberClearsTheMessageOnItsNewOwner() {
        RawStan.Sub original = raw.subscribeOk(member("q1", "workers").setAckWaitInSecs(1));
        RawStan.Sub other = raw.subscribeOk(member("q2", "workers").setAckWaitInSecs(30));
        raw.publishOk("q1", "jobs", 1);
        await().atMost(WAIT).until(() -> original.received().size() == 1);

        await().atMost(WAIT).until(() -> other.received().size() == 1);
        assertThat(other.received().get(0).getRedelivered()).isTrue();
        raw.ack(original, 1);

        await().atMost(WAIT).until(() -> stan.channel("jobs").orElseThrow().subscriptions().stream()
                .allMatch(s -> s.pendingCount() == 0));
    }

    @Test
    void aLeavingMembersPendingMessagesGoToTheOthers() {
        RawStan.Sub leaving = raw.subscribeOk(member("q1", "workers"));
        RawStan.Sub staying = raw.subscribeOk(member("q2", "workers"));
        raw.publishOk("q1", "jobs", 10);
        await().atMost(WAIT).until(() -> all(leaving, staying).size() == 10);
        List<Long> orphaned = leaving.sequences();
        assertThat(orphaned).isNotEmpty();

        assertThat(raw.closeSubscription("q1", "jobs", leaving.ackInbox()).getError()).isEmpty();

        await().atMost(Duration.ofSeconds(2)).until(() -> staying.received().size() == 10);
        List<MsgProto> redelivered = staying.received().subList(10 - orphaned.size(), 10);
        assertThat(redelivered).extracting(MsgProto::getSequence).containsExactlyInAnyOrderElementsOf(orphaned);
        assertThat(redelivered).allMatch(MsgProto::getRedelivered);
        assertThat(stan.channel("jobs").orElseThrow().subscriptions()).singleElement()
                .satisfies(s -> assertThat(s.pendingCount()).isEqualTo(10));
    }

    @Test
    void aNonDurableGroupIsRemovedWithItsLastMemberAndStartsOverAtTheNextOnesPosition() {
        RawStan.Sub first = raw.subscribeOk(member("q1", "workers").setStartPosition(StartPosition.First));
        raw.publishOk("q1", "jobs", 3);
        await().atMost(WAIT).until(() -> first.received().size() == 3);
        assertThat(raw.closeSubscription("q1", "jobs", first.ackInbox()).getError()).isEmpty();
        assertThat(stan.channel("jobs").orElseThrow().subscriptions()).isEmpty();

        RawStan.Sub next = raw.subscribeOk(member("q2", "workers").setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> next.received().size() == 3);
        assertThat(next.sequences()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void joiningMembersIgnoreTheirStartPosition() {
        RawStan.Sub first = raw.subscribeOk(member("q1", "workers"));
        raw.publishOk("q1", "jobs", 3);
        await().atMost(WAIT).until(() -> first.received().size() == 3);
        raw.subscribeOk(member("q2", "workers").setStartPosition(StartPosition.First));
        RawStan.Sub absurd = raw.subscribeOk(member("q3", "workers")
                .setStartPosition(StartPosition.SequenceStart).setStartSequence(999));

        raw.publishOk("q1", "jobs", 3);

        await().atMost(WAIT).until(() -> stan.channel("jobs").orElseThrow().subscriptions().stream()
                .allMatch(s -> s.lastSent() == 6));
        assertThat(absurd.sequences()).allMatch(seq -> seq > 3);
    }

    @Test
    void aDurableGroupSurvivesItsLastMembersCloseAndTheNextMemberGetsThePendingFirst() {
        RawStan.Sub first = raw.subscribeOk(member("q1", "workers").setDurableName("dur"));
        raw.publishOk("q1", "jobs", 2);
        await().atMost(WAIT).until(() -> first.received().size() == 2);
        raw.ack(first, 1);
        assertThat(raw.closeSubscription("q1", "jobs", first.ackInbox()).getError()).isEmpty();
        assertThat(stan.channel("jobs").orElseThrow().subscriptions()).singleElement().satisfies(shadow -> {
            assertThat(shadow.offline()).isTrue();
            assertThat(shadow.clientId()).isEmpty();
            assertThat(shadow.queueName()).isEqualTo("dur:workers");
        });
        raw.publishOk("q1", "jobs", 1);

        RawStan.Sub next = raw.subscribeOk(member("q2", "workers").setDurableName("dur")
                .setStartPosition(StartPosition.First));

        await().atMost(WAIT).until(() -> next.received().size() == 2);
        assertThat(next.sequences()).containsExactly(2L, 3L);
        assertThat(next.received()).extracting(MsgProto::getRedelivered).containsExactly(true, false);
    }

    @Test
    void unsubscribingTheLastMemberDeletesADurableGroup() {
        RawStan.Sub first = raw.subscribeOk(member("q1", "workers").setDurableName("dur"));
        raw.publishOk("q1", "jobs", 2);
        await().atMost(WAIT).until(() -> first.received().size() == 2);
        assertThat(raw.unsubscribe("q1", "jobs", first.ackInbox()).getError()).isEmpty();
        assertThat(stan.channel("jobs").orElseThrow().subscriptions()).isEmpty();

        RawStan.Sub next = raw.subscribeOk(member("q2", "workers").setDurableName("dur")
                .setStartPosition(StartPosition.First));
        await().atMost(WAIT).until(() -> next.received().size() == 2);
        assertThat(next.received()).extracting(MsgProto::getRedelivered).containsOnly(false);
    }

    @Test
    void durableAndNonDurableGroupsOfTheSameNameAreDistinct() {
        RawStan.Sub plain = raw.subscribeOk(member("q1", "workers"));
        RawStan.Sub durable = raw.subscribeOk(member("q2", "workers").setDurableName("dur"));
        raw.publishOk("q1", "jobs", 3);
        await().atMost(WAIT).until(() -> plain.received().size() == 3 && durable.received().size() == 3);
    }

    @Test
    void unackedMessagesOfANeverAckingMemberEndUpOnTheAckingOne() {
        RawStan.Sub lazy = raw.subscribeOk(member("q1", "workers").setAckWaitInSecs(1));
        List<Long> acked = new CopyOnWriteArrayList<>();
        String ackingInbox = raw.newInbox();
        RawStan.Sub[] holder = new RawStan.Sub[1];
        raw.nc.createDispatcher(msg -> {
            try {
                long seq = MsgProto.parseFrom(msg.getData()).getSequence();
                raw.ack(holder[0], seq);
                acked.add(seq);
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
            }
        }).subscribe(ackingInbox);
        io.natsjms.protocol.pb.SubscriptionResponse response = raw.subscribe(member("q2", "workers")
                .setInbox(ackingInbox).setAckWaitInSecs(1));
        holder[0] = new RawStan.Sub("jobs", ackingInbox, response.getAckInbox(), List.of());

        raw.publishOk("q1", "jobs", 6);

        await().atMost(Duration.ofSeconds(6)).until(() -> acked.stream().distinct().count() == 6);
        assertThat(lazy.received()).isNotEmpty();
    }
}
