package io.natsjms.jms;

import jakarta.jms.JMSException;
import jakarta.jms.TransactionRolledBackException;

/**
 * The commit and rollback of a transacted session, which settle its held sends ({@link SessionSends}) and
 * its consumed messages ({@link SessionAcks}) together. A commit publishes the sends first and acknowledges
 * the consumed messages only when every send was confirmed; when one was not, or when an acknowledgement
 * cannot be sent (NATS reconnecting), the consumed messages are handed out again and the commit fails with
 * a {@link TransactionRolledBackException}.
 */
final class SessionTransaction {

    private final SessionSends sends;
    private final SessionAcks acks;

    SessionTransaction(SessionSends sends, SessionAcks acks) {
        this.sends = sends;
        this.acks = acks;
    }

    void commit() throws JMSException {
        JMSException sendFailure = sends.publishHeld();
        if (sendFailure != null) {
            acks.redeliverConsumed();
            TransactionRolledBackException rolledBack = new TransactionRolledBackException("commit failed, the"
                    + " received messages will be redelivered; sends confirmed before the failure stay sent: "
                    + sendFailure.getMessage());
            rolledBack.setLinkedException(sendFailure);
            rolledBack.initCause(sendFailure);
            throw rolledBack;
        }
        JMSException ackFailure = acks.acknowledgeConsumed();
        if (ackFailure != null) {
            acks.redeliverConsumed();
            TransactionRolledBackException rolledBack = new TransactionRolledBackException("commit failed, the"
                    + " received messages will be redelivered; the sends stay sent: " + ackFailure.getMessage());
            rolledBack.setLinkedException(ackFailure);
            rolledBack.initCause(ackFailure);
            throw rolledBack;
        }
    }

    void rollback() {
        sends.dropHeld();
        acks.redeliverConsumed();
    }
}
