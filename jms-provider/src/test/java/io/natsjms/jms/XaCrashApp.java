package io.natsjms.jms;

import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;

/**
 * An application in a child JVM that sends a JMS message and inserts a database row in one Narayana
 * transaction and halts once both are prepared and the transaction manager has logged its decision to
 * commit (at the commit of a {@link ScriptedResource} enlisted first). Exits with {@value #HALTED} when it
 * halted as meant to, with 0 if the transaction completed (which the test counts as a failure).
 *
 * <p>Arguments: Narayana object store directory, H2 database path, NATS URL, cluster ID, queue, order ID.
 */
public final class XaCrashApp {

    /** The exit status of the halt between prepare and commit. */
    public static final int HALTED = 42;

    private XaCrashApp() {
    }

    public static void main(String[] args) throws Exception {
        Narayana.configure(Path.of(args[0]));
        H2Orders database = new H2Orders(args[1]);
        NatsXAConnectionFactory factory = new NatsXAConnectionFactory(args[2] + "?clusterId=" + args[3]);
        String queue = args[4];
        String order = args[5];
        TransactionManager manager = Narayana.transactionManager();
        XAConnection jms = factory.createXAConnection();
        XASession session = jms.createXASession();
        javax.sql.XAConnection sql = database.xaConnection();

        manager.begin();
        Transaction transaction = manager.getTransaction();
        transaction.enlistResource(ScriptedResource.crashingAtCommit(() -> {
            System.out.println("both prepared, the decision logged: halting");
            System.out.flush();
            Runtime.getRuntime().halt(HALTED);
        }));
        transaction.enlistResource(sql.getXAResource());
        H2Orders.insert(sql.getConnection(), order);
        transaction.enlistResource(session.getXAResource());
        session.createProducer(session.createQueue(queue)).send(session.createTextMessage(order));
        manager.commit();
        System.out.println("committed without halting");
        System.exit(0);
    }
}
