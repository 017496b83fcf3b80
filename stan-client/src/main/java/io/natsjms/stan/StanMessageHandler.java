package io.natsjms.stan;

/**
 * Receives the messages of one subscription, one at a time and in delivery order, on the
 * subscription's own dispatcher thread (see {@link StanConnection#subscribe}). A handler that blocks
 * stalls only its own subscription. Acknowledgement is always manual: call
 * {@link StanSubscription#ack(long)} with {@link StanMessage#sequence()}, from any thread. A runtime
 * exception thrown by the handler is logged and the message stays unacknowledged (so the server
 * redelivers it after the ack wait).
 */
@FunctionalInterface
public interface StanMessageHandler {

    /**
     * Handles one delivered message.
     *
     * @param subscription the subscription it was delivered to (already usable for acks)
     * @param message      the message
     */
    void onMessage(StanSubscription subscription, StanMessage message);
}
