package io.natsjms.store;

import io.natsjms.store.spb.SubState;
import java.util.List;

/**
 * The subscriptions of one channel, with for each the sequences sent to it and not yet acknowledged
 * ("pending") and how many times each pending sequence was redelivered.
 *
 * <h2>Redelivery counts</h2>
 * A redelivery count belongs to one pending entry: it is set with {@link #setRedeliveryCount}, goes
 * with the entry when it is acknowledged ({@link #ackPending}) or its subscription deleted, and comes
 * back with the pending set ({@link SubscriptionRecord#redeliveryCounts()}). The store keeps counts per
 * subscription and knows nothing of queue groups; a server that counts per queue group (as STAN does)
 * records the group's count on the member holding the pending entry (again on the new holder when the
 * entry moves to another member) and, on recovery, takes for each sequence the highest count found
 * among the group's records. Counts are written only on redelivery, never on first delivery.
 */
public interface SubscriptionStore {

    /**
     * Stores a new subscription.
     *
     * @param sub the subscription; its ID is ignored and assigned by the store (unique within the
     *            channel, never reused)
     * @return the subscription as stored, with its ID
     * @throws StoreException {@code TOO_MANY_SUBSCRIPTIONS} when the channel is at its max
     */
    SubState create(SubState sub);

    /**
     * Replaces the state of an existing subscription (same ID); its pending sequences and their
     * redelivery counts are kept.
     *
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    void update(SubState sub);

    /**
     * Removes a subscription with its pending sequences and their redelivery counts; removing an
     * unknown ID does nothing.
     */
    void delete(long subId);

    /**
     * Records that {@code sequence} was sent to the subscription and is pending; also raises its
     * {@code lastSent} to {@code sequence} if that is higher. A sequence that becomes pending has no
     * redelivery count; adding a sequence that is already pending keeps its count.
     *
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    void addPending(long subId, long sequence);

    /**
     * Records that {@code sequence} was acknowledged: it is no longer pending, and its redelivery
     * count is forgotten. Acknowledging a sequence that is not pending does nothing.
     *
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    void ackPending(long subId, long sequence);

    /**
     * Records that the pending {@code sequence} was redelivered {@code count} times so far, so that
     * the count survives a restart. The count replaces the previous one; 0 forgets it. Setting the
     * count of a sequence that is not pending does nothing (the entry was acknowledged meanwhile).
     *
     * <p>Like every other change, a count is durable once a later {@link Store#commit()} returned; a
     * store does no sync of its own for it. A crash before that commit loses the latest counts (they
     * come back lower, as of the last commit), never the pending entry or anything else.
     *
     * @param count the number of redeliveries so far
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    void setRedeliveryCount(long subId, long sequence, int count);

    /** Every subscription held now with its pending sequences and their redelivery counts, in ID order. */
    List<SubscriptionRecord> all();

    /**
     * Takes out a subscription the caller cannot restore (for example one an older version stored
     * with an invalid inbox), so that it cannot stop a restart, without losing it: it is gone from
     * {@link #all()} and from later recoveries, its ID is not reused, and its record is reported in
     * the log with {@code reason} and kept where an operator can find it (a persistent store says
     * where in its documentation). Durable at the next {@link Store#commit()}, like a delete.
     *
     * <p>This default reports the record in the log and deletes it, which is all a store that does
     * not persist can do.
     *
     * @param reason why the subscription was set aside, for the operator
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    default void setAside(long subId, String reason) {
        SubscriptionRecord record = all().stream().filter(r -> r.state().getID() == subId).findFirst()
                .orElseThrow(() -> new StoreException(StoreException.Reason.NOT_FOUND, "subscription " + subId
                        + " does not exist"));
        System.getLogger(SubscriptionStore.class.getName()).log(System.Logger.Level.WARNING,
                "set aside subscription {0} ({1}): {2}", subId, reason, record);
        delete(subId);
    }
}
