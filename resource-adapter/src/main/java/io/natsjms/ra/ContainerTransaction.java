package io.natsjms.ra;

import jakarta.jms.JMSException;
import jakarta.resource.ResourceException;
import jakarta.resource.spi.LocalTransaction;
import jakarta.resource.spi.LocalTransactionException;

/** The local transaction a container demarcates on a managed connection: its transacted session. */
final class ContainerTransaction implements LocalTransaction {

    private final SessionPair sessions;

    ContainerTransaction(SessionPair sessions) {
        this.sessions = sessions;
    }

    @Override
    public void begin() {
        sessions.begin();
    }

    @Override
    public void commit() throws ResourceException {
        try {
            sessions.commit();
        } catch (JMSException e) {
            throw new LocalTransactionException("commit of the natsjms local transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void rollback() throws ResourceException {
        try {
            sessions.rollback();
        } catch (JMSException e) {
            throw new LocalTransactionException("rollback of the natsjms local transaction failed: " + e.getMessage(), e);
        }
    }
}
