package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import jakarta.jms.CompletionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TopicSession;
import jakarta.jms.TransactionInProgressException;
import jakarta.jms.XAQueueSession;
import jakarta.jms.XASession;
import jakarta.jms.XATopicSession;
import javax.transaction.xa.XAResource;

/**
 * A session whose transactions a transaction manager runs, through its {@link #getXAResource() XAResource}.
 * While the resource is enlisted in a transaction branch (between {@code start} and {@code end}), sends and
 * the acknowledgements of consumed messages are held for the branch; they reach the streaming server with the
 * branch's prepare (or one-phase commit) and take effect with its commit. While it is not enlisted the
 * session works as a non-transacted {@code AUTO_ACKNOWLEDGE} session.
 *
 * <p>{@link #getTransacted()} is true and {@link #commit()} and {@link #rollback()} are refused: the
 * transaction manager commits. Inside a branch, a send with a delivery delay or to a temporary destination
 * is refused (the server's branch holds channel messages due at once).
 */
public final class NatsXASession extends NatsSession implements XASession, XAQueueSession, XATopicSession {

    private final NatsXAResource resource;

    NatsXASession(NatsConnection connection, SessionKind kind) {
        super(connection, false, Session.AUTO_ACKNOWLEDGE, kind);
        this.resource = new NatsXAResource(this, XaBranches.JVM);
    }

    @Override
    public XAResource getXAResource() {
        return resource;
    }

    /** This session itself: its work belongs to the transaction while its resource is enlisted. */
    @Override
    public Session getSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public QueueSession getQueueSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public TopicSession getTopicSession() throws JMSException {
        checkOpen();
        return this;
    }

    @Override
    public boolean getTransacted() throws JMSException {
        checkOpen();
        return true;
    }

    @Override
    public int getAcknowledgeMode() throws JMSException {
        checkOpen();
        return Session.SESSION_TRANSACTED;
    }

    @Override
    public void commit() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("commit() on an XA session: its transaction manager commits"
                + " (expected: the transaction manager's commit, e.g. UserTransaction.commit())");
    }

    @Override
    public void rollback() throws JMSException {
        checkOpen();
        throw new TransactionInProgressException("rollback() on an XA session: its transaction manager rolls back"
                + " (expected: the transaction manager's rollback, e.g. UserTransaction.rollback())");
    }

    /** Refused inside a transaction branch; outside one, as in an AUTO_ACKNOWLEDGE session. */
    @Override
    public void recover() throws JMSException {
        checkOpen();
        if (holding()) {
            throw new IllegalStateException("recover() in an XA session enlisted in a transaction (expected: the"
                    + " transaction manager's rollback)");
        }
        super.recover();
    }

    @Override
    void send(NatsDestination target, Message message, MessageSender.Settings settings, CompletionListener listener)
            throws JMSException {
        if (holding() && settings.deliveryDelay() > 0) {
            checkOpen();
            throw new JMSException("send to " + target + " with a delivery delay of " + settings.deliveryDelay()
                    + " ms inside an XA transaction: not supported (expected: no delivery delay, or a send outside"
                    + " the transaction)");
        }
        if (holding() && target.isTemporary()) {
            checkOpen();
            throw new JMSException("send to " + target + " inside an XA transaction: temporary destinations are"
                    + " not transactional (expected: a queue or topic, or a send outside the transaction)");
        }
        super.send(target, message, settings, listener);
    }

    /**
     * Closes the session. Inside a transaction branch, what it sent and consumed stays part of the branch,
     * which the transaction manager still completes through the resource; the session's consumers close now,
     * so the acknowledgements of a branch should be completed first (see the provider's README).
     */
    @Override
    public void close() throws JMSException {
        if (!isClosed() && !isCallbackThread()) {
            resource.sessionClosing();
        }
        super.close();
    }

    @Override
    boolean holding() {
        return resource.isEnlisted();
    }
}
