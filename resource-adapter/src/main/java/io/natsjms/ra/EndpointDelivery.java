package io.natsjms.ra;

import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;

/**
 * Runs one delivery: {@code beforeDelivery}, {@code onMessage}, {@code afterDelivery} (always paired with a
 * successful {@code beforeDelivery}), and tells whether it succeeded. A delivery fails when onMessage throws,
 * when before/afterDelivery fail, or when the container transaction started by beforeDelivery did not commit
 * (learned through the {@link TransactionSynchronizationRegistry}, so it needs no XAResource of ours).
 */
final class EndpointDelivery {

    /** {@code MessageListener.onMessage(Message)}, the method every delivery announces. */
    static final Method ON_MESSAGE;

    static {
        try {
            ON_MESSAGE = MessageListener.class.getMethod("onMessage", Message.class);
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TransactionSynchronizationRegistry transactions;

    /** @param transactions the container's registry, or null outside a container that offers one */
    EndpointDelivery(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    DeliveryOutcome deliver(MessageEndpoint endpoint, Message message) {
        try {
            endpoint.beforeDelivery(ON_MESSAGE);
        } catch (NoSuchMethodException | ResourceException | RuntimeException e) {
            return DeliveryOutcome.failure("beforeDelivery failed", e);
        }
        DeliveryOutcome outcome = null;
        TransactionOutcome transaction = null;
        try {
            transaction = TransactionOutcome.register(transactions);
        } catch (RuntimeException e) {
            outcome = DeliveryOutcome.failure("the container transaction cannot be watched", e);
        }
        try {
            if (outcome == null) {
                ((MessageListener) endpoint).onMessage(message);
            }
        } catch (RuntimeException e) {
            outcome = DeliveryOutcome.failure("onMessage threw", e);
        } finally {
            try {
                endpoint.afterDelivery();
            } catch (ResourceException | RuntimeException e) {
                if (outcome == null) {
                    outcome = DeliveryOutcome.failure("afterDelivery failed", e);
                }
            }
        }
        if (outcome != null) {
            return outcome;
        }
        if (transaction != null && !transaction.committed()) {
            return DeliveryOutcome.failure("the container transaction did not commit (status "
                    + transaction.status() + ")", null);
        }
        return DeliveryOutcome.success();
    }
}
