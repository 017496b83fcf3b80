package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.memory.MemoryStore;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.SubState;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Which messages prepared branches hold, across queue members, releases and recovery, and their ages. */
class PreparedBranchesTest {

    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private final ChannelStore store = new MemoryStore(StoreLimits.unlimited()).createChannel("orders");
    private final Channel channel = new Channel(store);
    private final QueueGroup group = new QueueGroup("workers", "workers", false);
    private final PreparedBranches prepared = new PreparedBranches();

    private Subscription subscription(String client, QueueGroup of) {
        SubState state = store.subscriptions().create(SubState.newBuilder().setClientID(client)
                .setQGroup(of == null ? "" : of.name).setInbox("in." + client).setAckInbox("ack." + client)
                .setMaxInFlight(10).setAckWaitInSecs(30).build());
        Subscription sub = new Subscription(state.getID(), channel, state, of);
        channel.byId.put(sub.id, sub);
        if (of != null) {
            of.members.add(sub);
        }
        return sub;
    }

    private static BranchId id(String name) {
        return BranchId.newBuilder().setFormatId(1).setGlobalId(ByteString.copyFromUtf8(name)).build();
    }

    private static PreparedTx tx(String name, long preparedAt, PreparedAck... acks) {
        return PreparedTx.newBuilder().setId(id(name)).setPreparedAt(preparedAt).addAllAcks(List.of(acks)).build();
    }

    private static PreparedAck ack(Subscription sub, long sequence) {
        return PreparedAck.newBuilder().setChannel(sub.channel.name).setSubID(sub.id).setSequence(sequence).build();
    }

    private PreparedBranches.Hold hold(Subscription sub, long sequence) {
        return new PreparedBranches.Hold(channel.name, sub.id, sequence, sub.group);
    }

    @Test
    void aHeldMessageIsHeldOnItsSubscriptionOnlyAndWhereverItsQueueGroupKeepsIt() {
        Subscription plain = subscription("a", null);
        Subscription other = subscription("b", null);
        Subscription member = subscription("c", group);
        Subscription otherMember = subscription("d", group);

        prepared.add(tx("t1", 1), List.of(hold(plain, 5), hold(member, 7)));

        assertThat(prepared.isHeld(plain, 5)).isTrue();
        assertThat(prepared.isHeld(plain, 6)).isFalse();
        assertThat(prepared.isHeld(other, 5)).as("another subscription's copy").isFalse();
        assertThat(prepared.isHeld(member, 7)).isTrue();
        assertThat(prepared.isHeld(otherMember, 7)).as("handed to another member").isTrue();
        assertThat(prepared.isHeld(plain, 7)).isFalse();
    }

    @Test
    void aMessageStaysHeldWhileAnyBranchHoldsIt() {
        Subscription plain = subscription("a", null);
        prepared.add(tx("t1", 1), List.of(hold(plain, 5)));
        prepared.add(tx("t2", 2), List.of(hold(plain, 5)));

        assertThat(prepared.remove(id("t1"))).containsExactly(hold(plain, 5));
        assertThat(prepared.isHeld(plain, 5)).isTrue();

        prepared.remove(id("t2"));
        assertThat(prepared.isHeld(plain, 5)).isFalse();
        assertThat(prepared.remove(id("t2"))).isEmpty();
        assertThat(prepared.size()).isZero();
    }

    @Test
    void recoveredBranchesHoldWhatTheirAcksNameOnceTheChannelIsBack() {
        Subscription member = subscription("c", group);
        Subscription otherMember = subscription("d", group);
        prepared.loadRecovered(List.of(tx("t2", 20, ack(member, 3)), tx("t1", 10)));
        assertThat(prepared.isHeld(member, 3)).as("before its channel is back").isFalse();

        prepared.holdRecovered(channel);

        assertThat(prepared.isHeld(member, 3)).isTrue();
        assertThat(prepared.isHeld(otherMember, 3)).isTrue();
        assertThat(prepared.all()).extracting(PreparedTx::getId).containsExactly(id("t1"), id("t2"));
        assertThat(prepared.holds(id("t2"))).containsExactly(hold(member, 3));
    }

    @Test
    void eachBranchPreparedTooLongIsReportedOnceOldestFirst() {
        prepared.add(tx("young", 9 * MINUTE), List.of());
        prepared.add(tx("old", 2 * MINUTE), List.of());
        prepared.add(tx("older", MINUTE), List.of());

        assertThat(prepared.newlyOverdue(12 * MINUTE, 10 * MINUTE)).extracting(PreparedTx::getId)
                .containsExactly(id("older"), id("old"));
        assertThat(prepared.newlyOverdue(13 * MINUTE, 10 * MINUTE)).isEmpty();
        assertThat(prepared.newlyOverdue(19 * MINUTE, 10 * MINUTE)).extracting(PreparedTx::getId)
                .containsExactly(id("young"));
    }
}
