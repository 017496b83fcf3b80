package io.natsjms.arquillian.app;

import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Sends a text to a channel through the adapter's pooled connection factory, inside the container
 * transaction of the call, and then lets that transaction commit or marks it for rollback. The factory is
 * the resource reference {@value #FACTORY}, which each server's deployment maps to its connection factory.
 */
@Stateless
public class OutboundSender {

    public static final String FACTORY = "jms/natsjms";

    @Resource(name = FACTORY)
    private ConnectionFactory factory;
    @Resource
    private SessionContext session;
    @Resource
    private TransactionSynchronizationRegistry transactions;

    /** Sends {@code text} to the topic {@code channel}; with {@code rollback}, the transaction rolls back. */
    public void send(String channel, String text, boolean rollback) {
        if (transactions.getTransactionKey() == null) {
            throw new IllegalStateException("OutboundSender.send: no container transaction (expected: REQUIRED)");
        }
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createTopic(channel), text);
        }
        if (rollback) {
            session.setRollbackOnly();
        }
    }
}
