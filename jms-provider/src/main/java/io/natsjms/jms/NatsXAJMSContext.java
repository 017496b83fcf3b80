package io.natsjms.jms;

import jakarta.jms.JMSContext;
import jakarta.jms.XAConnection;
import jakarta.jms.XAJMSContext;
import jakarta.jms.XASession;
import javax.transaction.xa.XAResource;

/**
 * The simplified API over an {@link NatsXASession XA session}: its work belongs to the transaction its
 * {@link #getXAResource() XAResource} is enlisted in, and outside one it works as an
 * {@code AUTO_ACKNOWLEDGE} context. {@link #getTransacted()} is true; {@link #commit()} and
 * {@link #rollback()} throw {@link jakarta.jms.TransactionInProgressRuntimeException}. A context made from it
 * with {@link #createContext(int)} is an ordinary context on the same connection.
 */
public final class NatsXAJMSContext extends NatsJMSContext implements XAJMSContext {

    /**
     * A context that owns {@code connection} (closing the context closes it) and works on one XA session of
     * it, created on first use.
     */
    public NatsXAJMSContext(XAConnection connection) {
        super(connection, SESSION_TRANSACTED, (owner, mode) -> ((XAConnection) owner).createXASession());
    }

    /** This context itself. */
    @Override
    public JMSContext getContext() {
        checkOpen();
        return this;
    }

    @Override
    public XAResource getXAResource() {
        return ((XASession) session()).getXAResource();
    }
}
