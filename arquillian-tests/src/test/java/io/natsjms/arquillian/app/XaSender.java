package io.natsjms.arquillian.app;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;

/**
 * Writes a row and sends a message in one container-managed transaction, through the adapter's XA
 * connection factory (the resource reference {@value #FACTORY}, which each server's deployment maps to an
 * XATransaction pool), and then lets the transaction commit, marks it for rollback, or throws.
 */
@Stateless
public class XaSender {

    public static final String FACTORY = "jms/natsjms-xa";
    public static final String SOURCE = "ejb";

    @Resource(name = FACTORY)
    private ConnectionFactory factory;
    @Resource
    private SessionContext session;
    @EJB
    private XaLedger ledger;

    /**
     * Inserts the row {@code id} and sends {@code id} to {@code channel}; {@code outcome} {@code commit},
     * {@code rollback} (setRollbackOnly) or {@code throw} (a system exception).
     */
    public void writeAndSend(String channel, String id, String outcome) {
        ledger.insert(id, SOURCE);
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createTopic(channel), id);
        }
        switch (outcome) {
            case "commit" -> { }
            case "rollback" -> session.setRollbackOnly();
            case "throw" -> throw new IllegalStateException("XaSender throws after sending " + id + " (expected by the test)");
            default -> throw new IllegalArgumentException("outcome: " + outcome + " (expected: commit, rollback or throw)");
        }
    }
}
