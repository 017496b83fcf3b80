package io.natsjms.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.ChannelLimits;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreException.Reason;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The contract of {@link SubscriptionStore}: IDs, updates, pending bookkeeping and max subscriptions. */
public abstract class SubscriptionStoreContractTest extends StoreContractSupport {

    private SubscriptionStore subs(StoreLimits limits) {
        return openChannel(limits, "orders").subscriptions();
    }

    private SubscriptionStore subs() {
        return subs(StoreLimits.unlimited());
    }

    private static void assertNotFound(ThrowingCallable call, long subId) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining(String.valueOf(subId));
    }

    private static SubscriptionRecord only(SubscriptionStore subs, long subId) {
        return subs.all().stream().filter(r -> r.state().getID() == subId).findFirst().orElseThrow();
    }

    @Test
    void createAssignsUniqueIncreasingIdsIgnoringTheGivenOne() {
        SubscriptionStore subs = subs();
        SubState given = subscription("alice").toBuilder().setID(77).build();

        SubState first = subs.create(given);
        SubState second = subs.create(given);
        SubState third = subs.create(subscription("bob"));

        assertThat(first.getID()).isPositive();
        assertThat(second.getID()).isGreaterThan(first.getID());
        assertThat(third.getID()).isGreaterThan(second.getID());
        assertThat(first).isEqualTo(given.toBuilder().setID(first.getID()).build());
    }

    @Test
    void aSubscriptionSetAsideIsGoneAndItsIdIsNotReused() {
        SubscriptionStore subs = subs();
        SubState kept = subs.create(subscription("alice"));
        SubState bad = subs.create(subscription("bob"));
        subs.addPending(bad.getID(), 1);

        subs.setAside(bad.getID(), "inbox is empty");

        assertThat(subs.all()).extracting(r -> r.state().getID()).containsExactly(kept.getID());
        assertThat(subs.create(subscription("carol")).getID()).isGreaterThan(bad.getID());
        assertNotFound(() -> subs.setAside(bad.getID(), "again"), bad.getID());
    }

    @Test
    void idsAreNeverReusedAfterDelete() {
        SubscriptionStore subs = subs();
        subs.create(subscription("alice"));
        SubState last = subs.create(subscription("bob"));
        subs.delete(last.getID());

        assertThat(subs.create(subscription("carol")).getID()).isGreaterThan(last.getID());
    }

    @Test
    void allListsSubscriptionsInIdOrderWithTheirPending() {
        SubscriptionStore subs = subs();
        SubState a = subs.create(subscription("alice"));
        SubState b = subs.create(durable("bob", "audit"));
        SubState c = subs.create(subscription("carol").toBuilder().setQGroup("workers").build());

        List<SubscriptionRecord> all = subs.all();

        assertThat(all).extracting(SubscriptionRecord::state).containsExactly(a, b, c);
        assertThat(all).allSatisfy(r -> assertThat(r.pending()).isEmpty());
    }

    @Test
    void updateReplacesTheStateAndKeepsPending() {
        SubscriptionStore subs = subs();
        SubState sub = subs.create(durable("alice", "audit"));
        subs.addPending(sub.getID(), 1);
        subs.addPending(sub.getID(), 2);
        SubState closed = sub.toBuilder().setIsClosed(true).setInbox("").setLastSent(2).build();

        subs.update(closed);

        SubscriptionRecord record = only(subs, sub.getID());
        assertThat(record.state()).isEqualTo(closed);
        assertThat(record.pending()).containsExactly(1L, 2L);
    }

    @Test
    void updateOfUnknownSubscriptionFailsWithNotFound() {
        SubscriptionStore subs = subs();
        subs.create(subscription("alice"));

        assertNotFound(() -> subs.update(subscription("ghost").toBuilder().setID(4242).build()), 4242);
        assertThat(subs.all()).hasSize(1);
    }

    @Test
    void deleteRemovesTheSubscriptionAndItsPending() {
        SubscriptionStore subs = subs();
        SubState a = subs.create(subscription("alice"));
        SubState b = subs.create(subscription("bob"));
        subs.addPending(a.getID(), 1);

        subs.delete(a.getID());
        subs.delete(a.getID());
        subs.delete(9999);

        assertThat(subs.all()).extracting(SubscriptionRecord::state).containsExactly(b);
        assertNotFound(() -> subs.addPending(a.getID(), 2), a.getID());
    }

    @Test
    void addPendingRecordsSequencesAndRaisesLastSent() {
        SubscriptionStore subs = subs();
        SubState sub = subs.create(subscription("alice"));

        subs.addPending(sub.getID(), 3);
        subs.addPending(sub.getID(), 1);
        subs.addPending(sub.getID(), 2);
        subs.addPending(sub.getID(), 2);

        SubscriptionRecord record = only(subs, sub.getID());
        assertThat(record.pending()).containsExactly(1L, 2L, 3L);
        assertThat(record.state().getLastSent()).as("never lowered by an older sequence").isEqualTo(3);
    }

    @Test
    void ackPendingRemovesTheSequenceAndIgnoresOthers() {
        SubscriptionStore subs = subs();
        SubState sub = subs.create(subscription("alice"));
        for (long seq = 1; seq <= 4; seq++) {
            subs.addPending(sub.getID(), seq);
        }

        subs.ackPending(sub.getID(), 2);
        subs.ackPending(sub.getID(), 2);
        subs.ackPending(sub.getID(), 100);

        SubscriptionRecord record = only(subs, sub.getID());
        assertThat(record.pending()).containsExactly(1L, 3L, 4L);
        assertThat(record.state().getLastSent()).isEqualTo(4);
    }

    @Test
    void pendingOfOneSubscriptionDoesNotTouchAnother() {
        SubscriptionStore subs = subs();
        SubState a = subs.create(subscription("alice"));
        SubState b = subs.create(subscription("bob"));

        subs.addPending(a.getID(), 1);
        subs.addPending(b.getID(), 1);
        subs.ackPending(a.getID(), 1);

        assertThat(only(subs, a.getID()).pending()).isEmpty();
        assertThat(only(subs, b.getID()).pending()).containsExactly(1L);
        assertThat(only(subs, b.getID()).state().getLastSent()).isEqualTo(1);
    }

    @Test
    void pendingOperationsOnUnknownSubscriptionFailWithNotFound() {
        SubscriptionStore subs = subs();

        assertNotFound(() -> subs.addPending(5, 1), 5);
        assertNotFound(() -> subs.ackPending(6, 1), 6);
    }

    @Test
    void recordsReturnedByAllAreSnapshots() {
        SubscriptionStore subs = subs();
        SubState sub = subs.create(subscription("alice"));
        subs.addPending(sub.getID(), 1);
        SubscriptionRecord before = only(subs, sub.getID());

        subs.addPending(sub.getID(), 2);
        subs.ackPending(sub.getID(), 1);

        assertThat(before.pending()).containsExactly(1L);
        assertThat(before.state().getLastSent()).isEqualTo(1);
    }

    @Test
    void creatingMoreThanMaxSubscriptionsFailsUntilOneIsDeleted() {
        SubscriptionStore subs = subs(StoreLimits.unlimited()
                .withChannelDefaults(ChannelLimits.unlimited().withMaxSubscriptions(2)));
        SubState a = subs.create(subscription("alice"));
        subs.create(durable("bob", "audit").toBuilder().setIsClosed(true).build());

        assertThatThrownBy(() -> subs.create(subscription("carol")))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_SUBSCRIPTIONS))
                .hasMessageContaining("\"orders\"")
                .hasMessageContaining("2");
        assertThat(subs.all()).hasSize(2);

        subs.delete(a.getID());
        assertThat(subs.create(subscription("carol")).getClientID()).isEqualTo("carol");
    }

    @Test
    void channelsHaveIndependentSubscriptions() {
        Store store = open();
        SubscriptionStore orders = store.createChannel("orders").subscriptions();
        SubscriptionStore payments = store.createChannel("payments").subscriptions();
        SubState sub = orders.create(subscription("alice"));

        assertThat(payments.all()).isEmpty();
        assertNotFound(() -> payments.addPending(sub.getID() + 1000, 1), sub.getID() + 1000);
        assertThat(payments.create(subscription("bob")).getID()).isPositive();
        assertThat(orders.all()).hasSize(1);
    }
}
