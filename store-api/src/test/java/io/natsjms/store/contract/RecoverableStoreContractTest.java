package io.natsjms.store.contract;

import static io.natsjms.store.contract.StoreContractTest.SERVER_INFO;
import static io.natsjms.store.contract.StoreContractTest.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.Appended;
import io.natsjms.store.ChannelLimits;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageStore;
import io.natsjms.store.NewMessage;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreException.Reason;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.SubState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a persistent store brings back after close and reopen of its directory. Runs only for stores
 * whose {@link StoreCapabilities#persistent()} is true.
 */
public abstract class RecoverableStoreContractTest extends StoreContractSupport {

    private static final long T0 = 1_700_000_000_000_000_000L;

    @BeforeEach
    protected final void onlyForPersistentStores() {
        assumeTrue(capabilities().persistent(), "the store does not persist");
    }

    /** Commits, closes and reopens with {@code limits}, returning the recovered state. */
    private RecoveredState reopen(Store store, StoreLimits limits) {
        store.commit();
        store.close();
        return open(limits).recover().orElseThrow(() -> new AssertionError("recover() is empty after reopen"));
    }

    private static List<MsgProto> appendAll(MessageStore messages, int count) {
        List<MsgProto> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(messages.append(message(T0 + i, "message " + i)));
        }
        return stored;
    }

    private static void assertHolds(MessageStore messages, List<MsgProto> expected) {
        for (MsgProto msg : expected) {
            MsgProto found = messages.lookup(msg.getSequence());
            assertThat(found).as("sequence %d", msg.getSequence()).isEqualTo(msg);
            assertThat(found.toByteArray()).isEqualTo(msg.toByteArray());
            assertThat(messages.lookupSerialized(msg.getSequence())).isEqualTo(msg.toByteArray());
        }
    }

    @Test
    void recoversServerInfoAndClients() {
        Store store = open();
        store.recover();
        store.initServerInfo(SERVER_INFO.toBuilder().setNodeID("old").build());
        store.initServerInfo(SERVER_INFO);
        store.addClient(client("alice"));
        store.addClient(client("bob"));
        ClientInfo carol = client("carol");
        store.addClient(carol.toBuilder().setHbInbox("_INBOX.old").build());
        store.addClient(carol);
        store.deleteClient("bob");

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        assertThat(state.serverInfo()).isEqualTo(SERVER_INFO);
        assertThat(state.clients()).containsExactlyInAnyOrder(client("alice"), carol);
    }

    @Test
    void recoversChannelsWithTheirMessagesByteForByte() {
        Store store = open();
        store.recover();
        store.initServerInfo(SERVER_INFO);
        List<MsgProto> orders = appendAll(store.createChannel("orders").messages(), 5);
        List<MsgProto> payments = appendAll(store.createChannel("payments.eu").messages(), 2);
        store.createChannel("empty");
        store.createChannel("deleted").messages().append(message("gone"));
        store.deleteChannel("deleted");

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        assertThat(state.channels()).containsOnlyKeys("orders", "payments.eu", "empty");
        MessageStore recovered = state.channels().get("orders").channel().messages();
        assertHolds(recovered, orders);
        assertThat(recovered.stats()).isEqualTo(new io.natsjms.store.MessageStoreStats(1, 5, 5,
                orders.stream().mapToLong(MsgProto::getSerializedSize).sum()));
        assertHolds(state.channels().get("payments.eu").channel().messages(), payments);
        assertThat(state.channels().get("empty").channel().messages().lastSequence()).isZero();
        assertThat(state.channels().get("empty").channel().messages().firstSequence()).isZero();
    }

    @Test
    void recoversMessagesAppendedByTheirFieldsByteForByte() {
        Store store = open();
        store.recover();
        store.initServerInfo(SERVER_INFO);
        MessageStore messages = store.createChannel("orders").messages();
        List<MsgProto> expected = new ArrayList<>();
        for (NewMessage msg : MessageStoreContractTest.newMessages(400)) {
            Appended appended = messages.append(msg);
            expected.add(msg.toMsgProto(appended.sequence(), appended.timestampNanos()));
        }

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        MessageStore recovered = state.channels().get("orders").channel().messages();
        assertHolds(recovered, expected);
        assertThat(recovered.stats()).isEqualTo(new io.natsjms.store.MessageStoreStats(1, 400, 400,
                expected.stream().mapToLong(MsgProto::getSerializedSize).sum()));
    }

    @Test
    void recoveredChannelIsTheOneLookupReturns() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        store.createChannel("orders").messages().append(message("one"));

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        Store reopened = openedLast();
        ChannelStore recovered = state.channels().get("orders").channel();
        assertThat(recovered.name()).isEqualTo("orders");
        assertThat(reopened.lookupChannel("orders")).containsSame(recovered);
        assertThat(reopened.lookupChannel("deleted")).isEmpty();
        assertThat(recovered.limits()).isEqualTo(StoreLimits.unlimited().forChannel("orders"));
    }

    @Test
    void sequencesAndTimestampsContinueAfterReopen() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        appendAll(store.createChannel("orders").messages(), 3);

        MessageStore recovered = reopen(store, StoreLimits.unlimited()).channels().get("orders").channel().messages();

        MsgProto next = recovered.append(message(T0 - 1_000, "after restart"));
        assertThat(next.getSequence()).isEqualTo(4);
        assertThat(next.getTimestamp()).isEqualTo(T0 + 2);
    }

    @Test
    void sequencesAreNotReusedAfterEveryMessageWasDropped() {
        StoreLimits limits = StoreLimits.unlimited()
                .withChannelDefaults(ChannelLimits.unlimited().withMaxAge(Duration.ofSeconds(1)));
        Store store = open(limits);
        store.initServerInfo(SERVER_INFO);
        MessageStore messages = store.createChannel("orders").messages();
        appendAll(messages, 3);
        assertThat(messages.expire(T0 + 60_000_000_000L)).isEqualTo(3);

        MessageStore recovered = reopen(store, limits).channels().get("orders").channel().messages();

        assertThat(recovered.stats()).isEqualTo(new io.natsjms.store.MessageStoreStats(4, 3, 0, 0));
        assertThat(recovered.append(message("next")).getSequence()).isEqualTo(4);
    }

    @Test
    void aSubscriptionSetAsideDoesNotComeBack() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        ChannelStore channel = store.createChannel("orders");
        SubState kept = channel.subscriptions().create(subscription("alice"));
        SubState bad = channel.subscriptions().create(subscription("bob"));
        channel.subscriptions().setAside(bad.getID(), "inbox is empty");

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        assertThat(state.channels().get("orders").subscriptions()).extracting(r -> r.state().getID())
                .containsExactly(kept.getID());
    }

    @Test
    void recoversFieldsTheStoreDoesNotKnow() {
        Store store = open();
        store.recover();
        MsgProto stored = store.createChannel("orders").messages()
                .append(MessageStoreContractTest.withUnknownField(message(T0, "hello"), 1000, "guid-1"));
        store.initServerInfo(SERVER_INFO);

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        MsgProto found = state.channels().get("orders").channel().messages().lookup(stored.getSequence());
        assertThat(found).isEqualTo(stored);
        assertThat(found.getUnknownFields().hasField(1000)).isTrue();
    }

    @Test
    void recoversSubscriptionsWithPendingAndLastSent() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        ChannelStore channel = store.createChannel("orders");
        appendAll(channel.messages(), 3);
        SubscriptionStore subs = channel.subscriptions();
        SubState plain = subs.create(subscription("alice"));
        SubState durable = subs.create(durable("bob", "audit"));
        SubState removed = subs.create(subscription("carol"));
        for (long seq = 1; seq <= 3; seq++) {
            subs.addPending(plain.getID(), seq);
        }
        subs.ackPending(plain.getID(), 2);
        subs.addPending(durable.getID(), 1);
        subs.update(durable.toBuilder().setIsClosed(true).setLastSent(1).build());
        subs.delete(removed.getID());
        List<SubscriptionRecord> before = subs.all();

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        RecoveredChannel recovered = state.channels().get("orders");
        assertThat(recovered.subscriptions()).isEqualTo(before);
        assertThat(recovered.channel().subscriptions().all()).isEqualTo(before);
        SubscriptionRecord first = recovered.subscriptions().get(0);
        assertThat(first.pending()).containsExactly(1L, 3L);
        assertThat(first.state().getLastSent()).isEqualTo(3);
        assertThat(recovered.channel().subscriptions().create(subscription("dave")).getID())
                .as("IDs are never reused, not even a deleted one")
                .isGreaterThan(removed.getID());
    }

    @Test
    void recoversRedeliveryCountsWithThePendingSets() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        ChannelStore channel = store.createChannel("orders");
        appendAll(channel.messages(), 4);
        SubscriptionStore subs = channel.subscriptions();
        SubState plain = subs.create(subscription("alice"));
        SubState durable = subs.create(durable("bob", "audit"));
        SubState memberA = subs.create(subscription("carol").toBuilder().setQGroup("workers").build());
        SubState memberB = subs.create(subscription("dave").toBuilder().setQGroup("workers").build());
        SubState removed = subs.create(subscription("erin"));
        for (long seq = 1; seq <= 4; seq++) {
            subs.addPending(plain.getID(), seq);
        }
        subs.setRedeliveryCount(plain.getID(), 1, 3);
        subs.setRedeliveryCount(plain.getID(), 2, 1);
        subs.setRedeliveryCount(plain.getID(), 4, 1);
        subs.setRedeliveryCount(plain.getID(), 4, 2);
        subs.ackPending(plain.getID(), 2);
        subs.addPending(durable.getID(), 1);
        subs.setRedeliveryCount(durable.getID(), 1, 5);
        subs.update(durable.toBuilder().setIsClosed(true).setLastSent(1).build());
        // a queue group's sequence 3 redelivered once to A, then moved to B and redelivered there
        subs.addPending(memberA.getID(), 3);
        subs.setRedeliveryCount(memberA.getID(), 3, 1);
        subs.ackPending(memberA.getID(), 3);
        subs.addPending(memberB.getID(), 3);
        subs.setRedeliveryCount(memberB.getID(), 3, 2);
        subs.addPending(removed.getID(), 1);
        subs.setRedeliveryCount(removed.getID(), 1, 9);
        subs.delete(removed.getID());
        List<SubscriptionRecord> before = subs.all();

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        RecoveredChannel recovered = state.channels().get("orders");
        assertThat(recovered.subscriptions()).isEqualTo(before);
        assertThat(recovered.channel().subscriptions().all()).isEqualTo(before);
        assertThat(recovered.subscriptions()).extracting(SubscriptionRecord::redeliveryCounts).containsExactly(
                new TreeMap<>(Map.of(1L, 3, 4L, 2)), new TreeMap<>(Map.of(1L, 5)), new TreeMap<>(),
                new TreeMap<>(Map.of(3L, 2)));
    }

    @Test
    void redeliveryCountsChangedAfterARecoveryComeBackAsLastSet() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        ChannelStore channel = store.createChannel("orders");
        appendAll(channel.messages(), 3);
        SubState sub = channel.subscriptions().create(durable("alice", "audit"));
        for (long seq = 1; seq <= 3; seq++) {
            channel.subscriptions().addPending(sub.getID(), seq);
            channel.subscriptions().setRedeliveryCount(sub.getID(), seq, 2);
        }
        SubscriptionStore recovered = reopen(store, StoreLimits.unlimited()).channels().get("orders").channel()
                .subscriptions();

        recovered.setRedeliveryCount(sub.getID(), 1, 3);
        recovered.ackPending(sub.getID(), 2);
        recovered.setRedeliveryCount(sub.getID(), 3, 0);
        recovered.addPending(sub.getID(), 2);
        RecoveredState state = reopen(openedLast(), StoreLimits.unlimited());

        assertThat(state.channels().get("orders").subscriptions()).singleElement()
                .satisfies(r -> assertThat(r.pending()).containsExactly(1L, 2L, 3L))
                .satisfies(r -> assertThat(r.redeliveryCounts()).isEqualTo(new TreeMap<>(Map.of(1L, 3))));
    }

    @Test
    void lowerLimitsAreAppliedOnRecovery() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        List<MsgProto> stored = appendAll(store.createChannel("orders").messages(), 10);
        appendAll(store.createChannel("old").messages(), 2);

        StoreLimits lower = StoreLimits.unlimited()
                .withChannelDefaults(ChannelLimits.unlimited().withMaxMsgs(4))
                .withOverrides(java.util.Map.of("old", ChannelLimits.inherit().withMaxAge(Duration.ofHours(1))));
        RecoveredState state = reopen(store, lower);

        ChannelStore orders = state.channels().get("orders").channel();
        assertThat(orders.limits()).isEqualTo(lower.forChannel("orders"));
        assertThat(orders.messages().stats().count()).isEqualTo(4);
        assertThat(orders.messages().firstSequence()).isEqualTo(7);
        assertThat(orders.messages().lookup(6)).isNull();
        assertHolds(orders.messages(), stored.subList(6, 10));
        MessageStore old = state.channels().get("old").channel().messages();
        assertThat(old.stats().count()).as("messages from 2023 are older than max age").isZero();
        assertThat(old.firstSequence()).isEqualTo(3);
    }

    @Test
    void cleanCloseKeepsWhatWasNotCommitted() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        ChannelStore channel = store.createChannel("orders");
        store.commit();
        List<MsgProto> stored = appendAll(channel.messages(), 3);
        SubState sub = channel.subscriptions().create(subscription("alice"));
        channel.subscriptions().addPending(sub.getID(), 3);
        channel.subscriptions().setRedeliveryCount(sub.getID(), 3, 1);

        store.close();
        RecoveredState state = open().recover().orElseThrow();

        RecoveredChannel recovered = state.channels().get("orders");
        assertHolds(recovered.channel().messages(), stored);
        assertThat(recovered.subscriptions()).singleElement()
                .satisfies(r -> assertThat(r.pending()).containsExactly(3L))
                .satisfies(r -> assertThat(r.redeliveryCount(3)).isEqualTo(1));
    }

    @Test
    void deletedChannelStaysGoneAndARecreatedOneStartsAfresh() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        appendAll(store.createChannel("orders").messages(), 5);
        store.commit();
        store.deleteChannel("orders");
        MsgProto fresh = store.createChannel("orders").messages().append(message("fresh"));

        RecoveredState state = reopen(store, StoreLimits.unlimited());

        MessageStore recovered = state.channels().get("orders").channel().messages();
        assertThat(fresh.getSequence()).isEqualTo(1);
        assertThat(recovered.stats().count()).isEqualTo(1);
        assertThat(recovered.lookup(1)).isEqualTo(fresh);
    }

    @Test
    void survivesSeveralReopens() {
        Store store = open();
        store.initServerInfo(SERVER_INFO);
        store.createChannel("orders").messages().append(message("one"));
        RecoveredState state = reopen(store, StoreLimits.unlimited());

        state.channels().get("orders").channel().messages().append(message("two"));
        state = reopen(openedLast(), StoreLimits.unlimited());

        MessageStore messages = state.channels().get("orders").channel().messages();
        assertThat(messages.lastSequence()).isEqualTo(2);
        assertThat(messages.lookup(1).getData().toStringUtf8()).isEqualTo("one");
        assertThat(messages.lookup(2).getData().toStringUtf8()).isEqualTo("two");
    }

    @Test
    void secondOpenOfTheSameDirectoryFailsWhileTheFirstIsOpen() {
        Store first = open();
        first.initServerInfo(SERVER_INFO);

        assertThatThrownBy(this::open)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.LOCKED))
                .hasMessageContaining("is locked");

        first.close();
        assertThat(open().recover()).hasValueSatisfying(s -> assertThat(s.serverInfo()).isEqualTo(SERVER_INFO));
    }
}
