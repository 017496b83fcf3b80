package io.natsjms.stan;

/** What a {@link StanSubscription} needs from its connection; {@link StanConnection} implements it. */
interface SubscriptionOwner {

    /** Sends an Ack for {@code sequence} to the subscription's ack inbox. */
    void ack(StanSubscription subscription, long sequence) throws StanException;

    /** Stops delivery and tells the server to close (keep a durable) or to unsubscribe (delete it). */
    void release(StanSubscription subscription, boolean unsubscribe) throws StanException;
}
