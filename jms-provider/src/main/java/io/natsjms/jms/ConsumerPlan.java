package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import io.natsjms.jms.message.MessageSelector;
import io.natsjms.stan.SubscriptionSpec;

/**
 * What a consumer subscribes to and how it filters.
 *
 * @param destination  where it consumes from
 * @param selector     its compiled selector, or {@code null} for all messages
 * @param noLocal      skip messages this connection sent
 * @param spec         the STAN subscription, or {@code null} for a temporary destination
 * @param activeName   the key of the (durable or shared) subscription it keeps active in the connection
 *                     ({@link SharedSubscriptions#key}), or {@code null}
 */
record ConsumerPlan(NatsDestination destination, MessageSelector selector, boolean noLocal, SubscriptionSpec spec,
                    String activeName) {

    /** Marks the subscription name inactive again. */
    void release(NatsConnection connection) {
        if (activeName != null) {
            connection.shared().leave(activeName);
        }
    }
}
