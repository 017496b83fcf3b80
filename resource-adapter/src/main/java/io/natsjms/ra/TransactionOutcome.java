package io.natsjms.ra;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Learns how the container transaction of a delivery ended: registered on the delivery thread after
 * {@code beforeDelivery} started it, completed by the transaction manager during {@code afterDelivery}.
 */
final class TransactionOutcome implements Synchronization {

    private volatile int status = Status.STATUS_UNKNOWN;

    /**
     * Registers a new outcome with the transaction of the calling thread.
     *
     * @return null when there is no registry or no active transaction
     */
    static TransactionOutcome register(TransactionSynchronizationRegistry registry) {
        if (registry == null || registry.getTransactionKey() == null
                || registry.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return null;
        }
        TransactionOutcome outcome = new TransactionOutcome();
        registry.registerInterposedSynchronization(outcome);
        return outcome;
    }

    @Override
    public void beforeCompletion() {
        // the outcome is only known afterwards
    }

    @Override
    public void afterCompletion(int completionStatus) {
        status = completionStatus;
    }

    /** Whether the transaction committed. */
    boolean committed() {
        return status == Status.STATUS_COMMITTED;
    }

    /** The javax/jakarta {@link Status} the transaction completed with, or STATUS_UNKNOWN before. */
    int status() {
        return status;
    }
}
