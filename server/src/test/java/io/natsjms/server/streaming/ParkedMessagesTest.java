package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.memory.MemoryStore;
import io.natsjms.store.spb.SubState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bookkeeping of a group's parked messages: who takes what, and what the store keeps. */
class ParkedMessagesTest {

    private final ChannelStore store = new MemoryStore(StoreLimits.unlimited()).createChannel("orders");
    private final Channel channel = new Channel(store);
    private final QueueGroup group = new QueueGroup("orders", "q:orders", true);

    private Subscription member(String client) {
        SubState state = store.subscriptions().create(SubState.newBuilder().setClientID(client).setQGroup("orders")
                .setDurableName("q").setIsDurable(true).setInbox("in." + client).setAckInbox("ack." + client)
                .setMaxInFlight(10).setAckWaitInSecs(30).build());
        return new Subscription(state.getID(), channel, state, group);
    }

    private long parkingRecord() {
        return store.subscriptions().create(SubState.newBuilder().setQGroup("orders").setDurableName("q")
                .setIsDurable(true).setIsClosed(true).setIsParking(true).build()).getID();
    }

    private List<Long> storedParked() {
        return store.subscriptions().all().stream().filter(r -> r.state().getIsParking())
                .flatMap(r -> r.pending().stream()).sorted().toList();
    }

    @Test
    void eachMemberKnowsTheParkedMessagesItTakes() {
        Subscription red = member("red");
        Subscription blue = member("blue");
        group.parked.recordId = parkingRecord();

        group.parked.park(3, List.of(red), store.subscriptions());
        group.parked.park(5, List.of(red, blue), store.subscriptions());
        group.parked.park(7, List.of(), store.subscriptions());

        assertThat(group.parked.sequences()).containsExactly(3L, 5L, 7L);
        assertThat(red.parkedTakes).containsExactly(3L, 5L);
        assertThat(blue.parkedTakes).containsExactly(5L);
        assertThat(storedParked()).containsExactly(3L, 5L, 7L);

        group.parked.unpark(5, store.subscriptions());
        assertThat(red.parkedTakes).containsExactly(3L);
        assertThat(blue.parkedTakes).isEmpty();
        assertThat(storedParked()).containsExactly(3L, 7L);
    }

    @Test
    void aJoiningMemberLearnsAndALeavingOneForgets() {
        Subscription red = member("red");
        group.parked.recordId = parkingRecord();
        group.parked.park(3, List.of(), store.subscriptions());
        group.parked.park(4, List.of(), store.subscriptions());

        Subscription green = member("green");
        group.parked.learn(green, List.of(4L, 9L));
        assertThat(green.parkedTakes).as("9 is not parked").containsExactly(4L);

        group.parked.forget(green);
        assertThat(green.parkedTakes).isEmpty();
        group.parked.unpark(4, store.subscriptions());
        assertThat(red.parkedTakes).isEmpty();
        assertThat(group.parked.sequences()).containsExactly(3L);
    }

    @Test
    void theRecordGoesWithTheGroup() {
        group.parked.recordId = parkingRecord();
        group.parked.park(3, List.of(), store.subscriptions());

        group.parked.deleteRecord(store.subscriptions());

        assertThat(group.parked.isEmpty()).isTrue();
        assertThat(store.subscriptions().all()).noneMatch(r -> r.state().getIsParking());
    }
}
