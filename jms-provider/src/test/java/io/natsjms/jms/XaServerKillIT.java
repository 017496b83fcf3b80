package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming server is SIGKILLed between prepare and commit: the server runs as its own process on a MapDB
 * store; a resource enlisted first kills it when the transaction manager starts committing, so the database
 * branch commits and the messaging branch cannot. The server, restarted on the same directory, still holds
 * the branch prepared; Narayana's recovery commits it and the message is delivered once.
 */
class XaServerKillIT {

    private static final System.Logger LOG = System.getLogger(XaServerKillIT.class.getName());
    private static final String CLUSTER = "xa-kill";

    @TempDir
    Path dir;
    private ServerProcess server;
    private final List<AutoCloseable> opened = new ArrayList<>();

    private NatsXAConnectionFactory factory() {
        // requests to a dead server fail after a second, not the default half minute
        return new NatsXAConnectionFactory(server.url() + "?clusterId=" + CLUSTER + "&pubAckTimeout=1000");
    }

    private <T extends AutoCloseable> T track(T resource) {
        opened.add(resource);
        return resource;
    }

    @Test
    void recoveryCommitsThePreparedBranchTheKilledServerKept() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        server = new ServerProcess(dir.resolve("data"), dir, CLUSTER, List.of());
        server.start();
        Narayana.inThisJvm();
        TransactionManager manager = Narayana.transactionManager();
        H2Orders database = new H2Orders(dir).create();
        XAConnection jms = track(factory().createXAConnection());
        XASession session = jms.createXASession();
        javax.sql.XAConnection sql = database.xaConnection();
        track(sql::close);

        manager.begin();
        Transaction transaction = manager.getTransaction();
        transaction.enlistResource(ScriptedResource.crashingAtCommit(() -> {
            try {
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        transaction.enlistResource(sql.getXAResource());
        H2Orders.insert(sql.getConnection(), "order-9");
        transaction.enlistResource(session.getXAResource());
        send(session, session.createQueue("kill-orders"), "order-9");
        try {
            manager.commit();
        } catch (Exception e) {
            LOG.log(Level.INFO, "commit with the server killed: " + e);
        }
        assertThat(database.ids()).containsExactly("order-9");

        server.start();
        XAConnection fresh = track(factory().createXAConnection());
        XAResource messaging = fresh.createXASession().getXAResource();
        assertThat(messaging.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).as("prepared, kept by the"
                + " store across SIGKILL").hasSize(1);

        javax.sql.XAConnection recoverySql = database.xaConnection();
        track(recoverySql::close);
        Narayana.recover(Narayana.helper(recoverySql.getXAResource(), messaging));

        Connection reader = track(new NatsConnectionFactory(server.url() + "?clusterId=" + CLUSTER).createConnection());
        reader.start();
        Session readerSession = reader.createSession();
        Queue queue = readerSession.createQueue("kill-orders");
        MessageConsumer consumer = readerSession.createConsumer(queue);
        assertThat(receiveText(consumer)).isEqualTo("order-9");
        assertNothing(consumer);
        assertThat(messaging.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN)).isEmpty();
        assertThat(database.ids()).containsExactly("order-9");
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                // lost with the killed server
            }
        }
        if (server != null) {
            server.close();
        }
    }
}
