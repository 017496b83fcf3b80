package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.endpoint.MessageEndpoint;
import jakarta.resource.spi.endpoint.MessageEndpointFactory;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.lang.reflect.Method;

/**
 * Runs one delivery: {@code beforeDelivery}, the work inside it, {@code afterDelivery} (always paired with a
 * successful {@code beforeDelivery}), and tells whether it succeeded. A delivery fails when onMessage throws,
 * when before/afterDelivery fail, or when the container transaction started by beforeDelivery did not commit
 * (learned through the {@link TransactionSynchronizationRegistry}).
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

    /** What happens between beforeDelivery and afterDelivery: null when it went well so far, else the failure. */
    @FunctionalInterface
    interface Inside {
        DeliveryOutcome run() throws JMSException;
    }

    private final TransactionSynchronizationRegistry transactions;

    /** @param transactions the container's registry, or null outside a container that offers one */
    EndpointDelivery(TransactionSynchronizationRegistry transactions) {
        this.transactions = transactions;
    }

    /**
     * Marks the container transaction of the calling thread rollback-only (inside {@link #around}); false
     * when there is no registry or no transaction to mark.
     */
    boolean markRollbackOnly() {
        if (transactions == null || transactions.getTransactionKey() == null) {
            return false;
        }
        transactions.setRollbackOnly();
        return true;
    }

    /** Whether the container runs the endpoint's onMessage in a transaction it starts in beforeDelivery. */
    static boolean isTransacted(MessageEndpointFactory endpoints) {
        try {
            return endpoints.isDeliveryTransacted(ON_MESSAGE);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("the endpoint has no onMessage(Message)", e);
        }
    }

    /** Delivers a received {@code message}: beforeDelivery, onMessage, afterDelivery. */
    DeliveryOutcome deliver(MessageEndpoint endpoint, Message message) throws JMSException {
        return around(endpoint, () -> onMessage(endpoint, message));
    }

    /** Calls onMessage; the failure when it threw, else null. */
    static DeliveryOutcome onMessage(MessageEndpoint endpoint, Message message) {
        try {
            ((MessageListener) endpoint).onMessage(message);
            return null;
        } catch (RuntimeException e) {
            return DeliveryOutcome.failure("onMessage threw", e);
        }
    }

    /**
     * Runs {@code inside} between beforeDelivery and afterDelivery. When {@code inside} throws, the container
     * transaction (if any) is marked rollback-only, so that nothing of it commits, and the exception is
     * thrown on after afterDelivery.
     */
    DeliveryOutcome around(MessageEndpoint endpoint, Inside inside) throws JMSException {
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
                outcome = inside.run();
            }
        } catch (JMSException | RuntimeException e) {
            if (transaction != null) {
                try {
                    transactions.setRollbackOnly();
                } catch (RuntimeException marking) {
                    e.addSuppressed(marking);
                }
            }
            throw e;
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
