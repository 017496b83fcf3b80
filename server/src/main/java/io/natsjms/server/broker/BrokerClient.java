package io.natsjms.server.broker;

/**
 * A client of the broker as the {@link MessageRouter} sees it: a network connection speaking the NATS
 * protocol ({@link ClientConnection}) or a client living in the broker's own process
 * ({@link InternalClient}), which exchanges messages with the router directly, with no protocol text.
 */
abstract sealed class BrokerClient permits ClientConnection, InternalClient {

    /** The client's options, as its CONNECT set them (read by publishers on any event loop). */
    abstract ConnectOptions options();

    /** Whether the client is gone: nothing more is delivered to it. */
    abstract boolean isClosed();

    /** The bytes this client produces while it publishes; confined to the client's event loop. */
    abstract Outbox outbox();

    /** Removes a subscription from this client and the index; safe from any thread, idempotent. */
    abstract void removeSubscription(BrokerSubscription sub);

    /**
     * Takes one message routed to {@code sub}, on the publisher's event loop: a network client has it
     * encoded into {@code publisherOutbox}; the in-process client copies what it needs.
     * {@code pub} is only valid during the call.
     */
    abstract void receive(Outbox publisherOutbox, BrokerSubscription sub, Publication pub);
}
