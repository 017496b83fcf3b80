package io.natsjms.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreException;
import io.natsjms.store.StoreException.Reason;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.SubscriptionStore;
import io.natsjms.store.spb.SubState;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SubscriptionStore#setRedeliveryCount}: a count belongs to one pending entry,
 * is replaced by the next one, and goes with the entry's ack or the subscription's deletion. What a
 * persistent store brings back is in {@link RecoverableStoreContractTest}.
 */
public abstract class RedeliveryCountContractTest extends StoreContractSupport {

    private SubscriptionStore subs() {
        return open().createChannel("orders").subscriptions();
    }

    private static SubscriptionRecord only(SubscriptionStore subs, long subId) {
        return subs.all().stream().filter(r -> r.state().getID() == subId).findFirst().orElseThrow();
    }

    private static SubState withPending(SubscriptionStore subs, String clientId, long... sequences) {
        SubState sub = subs.create(subscription(clientId));
        for (long seq : sequences) {
            subs.addPending(sub.getID(), seq);
        }
        return sub;
    }

    @Test
    void aPendingSequenceHasNoCountUntilOneIsSet() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1, 2);

        SubscriptionRecord record = only(subs, sub.getID());

        assertThat(record.redeliveryCounts()).isEmpty();
        assertThat(record.redeliveryCount(1)).isZero();
    }

    @Test
    void theLatestCountOfEachPendingSequenceIsKept() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1, 2, 3);

        subs.setRedeliveryCount(sub.getID(), 3, 1);
        subs.setRedeliveryCount(sub.getID(), 1, 1);
        subs.setRedeliveryCount(sub.getID(), 1, 2);
        subs.setRedeliveryCount(sub.getID(), 1, 7);

        SubscriptionRecord record = only(subs, sub.getID());
        assertThat(record.redeliveryCounts()).containsExactly(Map.entry(1L, 7), Map.entry(3L, 1));
        assertThat(record.redeliveryCount(2)).isZero();
        assertThat(record.pending()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void ackForgetsTheCountAndAPendingAgainStartsWithout() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1, 2);
        subs.setRedeliveryCount(sub.getID(), 1, 4);
        subs.setRedeliveryCount(sub.getID(), 2, 2);

        subs.ackPending(sub.getID(), 1);
        assertThat(only(subs, sub.getID()).redeliveryCounts()).containsExactly(Map.entry(2L, 2));

        subs.addPending(sub.getID(), 1);
        assertThat(only(subs, sub.getID()).redeliveryCounts()).containsExactly(Map.entry(2L, 2));
    }

    @Test
    void addingAnAlreadyPendingSequenceAgainKeepsItsCount() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 5);
        subs.setRedeliveryCount(sub.getID(), 5, 3);

        subs.addPending(sub.getID(), 5);

        assertThat(only(subs, sub.getID()).redeliveryCount(5)).isEqualTo(3);
    }

    @Test
    void aCountOfZeroForgetsTheCountButNotThePendingEntry() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1);
        subs.setRedeliveryCount(sub.getID(), 1, 2);

        subs.setRedeliveryCount(sub.getID(), 1, 0);

        SubscriptionRecord record = only(subs, sub.getID());
        assertThat(record.redeliveryCounts()).isEmpty();
        assertThat(record.pending()).containsExactly(1L);
    }

    @Test
    void theCountOfASequenceThatIsNotPendingIsIgnored() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1);
        subs.ackPending(sub.getID(), 1);

        subs.setRedeliveryCount(sub.getID(), 1, 3);
        subs.setRedeliveryCount(sub.getID(), 9, 1);

        SubscriptionRecord record = only(subs, sub.getID());
        assertThat(record.pending()).isEmpty();
        assertThat(record.redeliveryCounts()).isEmpty();
        assertThat(record.state().getLastSent()).as("a count does not move lastSent").isEqualTo(1);
    }

    @Test
    void updateKeepsTheCounts() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1);
        subs.setRedeliveryCount(sub.getID(), 1, 2);

        subs.update(sub.toBuilder().setIsClosed(true).setLastSent(1).build());

        assertThat(only(subs, sub.getID()).redeliveryCounts()).containsExactly(Map.entry(1L, 2));
    }

    @Test
    void anEntryMovedToAnotherSubscriptionCarriesOnlyTheCountSetThere() {
        SubscriptionStore subs = subs();
        SubState a = withPending(subs, "alice", 1);
        SubState b = subs.create(subscription("bob"));
        subs.setRedeliveryCount(a.getID(), 1, 2);

        subs.ackPending(a.getID(), 1);
        subs.addPending(b.getID(), 1);
        assertThat(only(subs, b.getID()).redeliveryCounts()).isEmpty();
        subs.setRedeliveryCount(b.getID(), 1, 3);

        assertThat(only(subs, a.getID()).redeliveryCounts()).isEmpty();
        assertThat(only(subs, b.getID()).redeliveryCounts()).containsExactly(Map.entry(1L, 3));
    }

    @Test
    void deletingTheSubscriptionDropsItsCountsAndNoOther() {
        SubscriptionStore subs = subs();
        SubState a = withPending(subs, "alice", 1);
        SubState b = withPending(subs, "bob", 1);
        subs.setRedeliveryCount(a.getID(), 1, 2);
        subs.setRedeliveryCount(b.getID(), 1, 5);

        subs.delete(a.getID());

        assertThat(subs.all()).singleElement()
                .satisfies(r -> assertThat(r.state().getID()).isEqualTo(b.getID()))
                .satisfies(r -> assertThat(r.redeliveryCounts()).containsExactly(Map.entry(1L, 5)));
    }

    @Test
    void recordsReturnedByAllAreSnapshotsOfTheCounts() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1, 2);
        subs.setRedeliveryCount(sub.getID(), 1, 1);
        SubscriptionRecord before = only(subs, sub.getID());

        subs.setRedeliveryCount(sub.getID(), 1, 2);
        subs.setRedeliveryCount(sub.getID(), 2, 1);

        assertThat(before.redeliveryCounts()).containsExactly(Map.entry(1L, 1));
    }

    @Test
    void anUnknownSubscriptionFailsWithNotFound() {
        SubscriptionStore subs = subs();

        assertThatThrownBy(() -> subs.setRedeliveryCount(42, 1, 1))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND))
                .hasMessageContaining("42");
    }

    @Test
    void aNegativeCountIsRejectedAndChangesNothing() {
        SubscriptionStore subs = subs();
        SubState sub = withPending(subs, "alice", 1);
        subs.setRedeliveryCount(sub.getID(), 1, 2);

        assertThatThrownBy(() -> subs.setRedeliveryCount(sub.getID(), 1, -1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1")
                .hasMessageContaining(">= 0");
        assertThat(only(subs, sub.getID()).redeliveryCount(1)).isEqualTo(2);
    }
}
