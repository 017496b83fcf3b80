package io.natsjms.store;

import io.natsjms.store.spb.SubState;
import java.util.List;

/**
 * The subscriptions of one channel, with for each the sequences sent to it and not yet acknowledged
 * ("pending").
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
     * Replaces the state of an existing subscription (same ID); its pending sequences are kept.
     *
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    void update(SubState sub);

    /** Removes a subscription and its pending sequences; removing an unknown ID does nothing. */
    void delete(long subId);

    /**
     * Records that {@code sequence} was sent to the subscription and is pending; also raises its
     * {@code lastSent} to {@code sequence} if that is higher.
     *
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    void addPending(long subId, long sequence);

    /**
     * Records that {@code sequence} was acknowledged: it is no longer pending. Acknowledging a
     * sequence that is not pending does nothing.
     *
     * @throws StoreException {@code NOT_FOUND} if no subscription has this ID
     */
    void ackPending(long subId, long sequence);

    /** Every subscription held now with its pending sequences, in ID order. */
    List<SubscriptionRecord> all();
}
