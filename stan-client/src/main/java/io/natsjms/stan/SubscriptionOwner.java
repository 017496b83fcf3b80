package io.natsjms.stan;

/** What a {@link StanSubscription} needs from its connection; {@link StanConnection} implements it. */
interface SubscriptionOwner {

    /** Sends an Ack for {@code sequence} to the subscription's ack inbox. */
    void ack(StanSubscription subscription, long sequence) throws StanException;

    /** Sends the acks of {@code sequences} together (see {@link AckBatches}). */
    void ackBatch(StanSubscription subscription, long[] sequences) throws StanException;

    /** Makes sure {@link StanSubscription#flushAcks()} runs within {@link StanSubscription#ACK_DELAY}. */
    void flushAcksLater(StanSubscription subscription);

    /** Stops delivery and tells the server to close (keep a durable) or to unsubscribe (delete it). */
    void release(StanSubscription subscription, boolean unsubscribe) throws StanException;
}
