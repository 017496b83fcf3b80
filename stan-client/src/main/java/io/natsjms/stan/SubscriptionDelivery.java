package io.natsjms.stan;

import io.natsjms.protocol.ProtocolException;
import java.lang.System.Logger.Level;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Hands the payloads delivered to one subscription's inbox to its handler. The inbox is subscribed
 * before the subscription exists (before the server's reply), so delivery first waits until
 * {@link #start} or {@link #abort} is called; after an abort, or once the subscription ended,
 * payloads are dropped. Called on the subscription's dispatcher thread only.
 */
final class SubscriptionDelivery {

    private static final System.Logger LOG = System.getLogger(SubscriptionDelivery.class.getName());

    private final StanMessageHandler handler;
    /** Completed with the subscription once the server accepted it; cancelled if it did not. */
    private final CompletableFuture<StanSubscription> ready = new CompletableFuture<>();

    SubscriptionDelivery(StanMessageHandler handler) {
        this.handler = handler;
    }

    /** Lets deliveries through to {@code subscription}'s handler. */
    void start(StanSubscription subscription) {
        ready.complete(subscription);
    }

    /** The subscription was not created: drop everything. */
    void abort() {
        ready.cancel(false);
    }

    /** Decodes one delivered MsgProto and calls the handler, logging what it throws. */
    void deliver(byte[] payload, String subject) {
        StanSubscription subscription;
        try {
            subscription = ready.get();
        } catch (ExecutionException | CancellationException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!subscription.isActive()) {
            return;
        }
        StanMessage message;
        try {
            message = ClientMessages.message(payload, subject);
        } catch (ProtocolException e) {
            LOG.log(Level.WARNING, e.getMessage() + " (" + subscription + ")");
            return;
        }
        try {
            handler.onMessage(subscription, message);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handler of " + subscription + " threw on sequence " + message.sequence()
                    + "; the message stays unacknowledged", e);
        }
    }
}
