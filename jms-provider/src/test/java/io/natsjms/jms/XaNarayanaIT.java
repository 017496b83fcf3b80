package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.delivery;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * JMS work and database work in one transaction of a real transaction manager (Narayana) with a real XA
 * database (an H2 file database through its XADataSource): both happen, or neither.
 */
class XaNarayanaIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final JmsTestServer SERVER = new JmsTestServer();

    @TempDir
    Path dir;
    private H2Orders database;
    private TransactionManager manager;
    private XASession session;
    private Session plain;

    @BeforeEach
    void open() throws Exception {
        Narayana.inThisJvm();
        manager = Narayana.transactionManager();
        database = new H2Orders(dir).create();
        XAConnection connection = SERVER.track(new NatsXAConnectionFactory(SERVER.url() + "?clusterId="
                + JmsTestServer.CLUSTER).createXAConnection());
        connection.start();
        session = connection.createXASession();
        Connection plainConnection = SERVER.connection();
        plainConnection.start();
        plain = plainConnection.createSession();
    }

    /** Begins a transaction with the database and the XA session enlisted; the database connection to use. */
    private java.sql.Connection begin() throws Exception {
        manager.begin();
        Transaction transaction = manager.getTransaction();
        javax.sql.XAConnection sql = database.xaConnection();
        transaction.enlistResource(sql.getXAResource());
        transaction.enlistResource(session.getXAResource());
        return sql.getConnection();
    }

    private List<Integer> pending(String channel) {
        return SERVER.server().snapshot().channels().stream().filter(c -> c.name().equals(channel))
                .flatMap(c -> c.subscriptions().stream()).map(ServerSnapshot.SubscriptionView::pendingCount).toList();
    }

    @Test
    void aCommittedSendAndInsertAreBothThere() throws Exception {
        Queue queue = plain.createQueue("tm-commit");
        MessageConsumer reader = plain.createConsumer(queue);

        java.sql.Connection sql = begin();
        H2Orders.insert(sql, "order-1");
        send(session, queue, "order-1");
        assertNothing(reader);
        manager.commit();

        assertThat(receiveText(reader)).isEqualTo("order-1");
        assertThat(database.ids()).containsExactly("order-1");
        assertNothing(reader);
    }

    @Test
    void twoSessionsOfOneClusterJoinOneBranchAndCommitTogether() throws Exception {
        Queue queue = plain.createQueue("tm-joined");
        MessageConsumer reader = plain.createConsumer(queue);
        XAConnection other = SERVER.track(new NatsXAConnectionFactory(SERVER.url() + "?clusterId="
                + JmsTestServer.CLUSTER).createXAConnection());
        XASession second = other.createXASession();

        XAResource probe = other.createXASession().getXAResource();
        java.util.concurrent.atomic.AtomicInteger preparedBranches = new java.util.concurrent.atomic.AtomicInteger(-1);

        manager.begin();
        Transaction transaction = manager.getTransaction();
        // committed first: counts the messaging branches prepared on the server at that moment
        transaction.enlistResource(ScriptedResource.crashingAtCommit(() -> {
            try {
                preparedBranches.set(probe.recover(XAResource.TMSTARTRSCAN | XAResource.TMENDRSCAN).length);
            } catch (javax.transaction.xa.XAException e) {
                throw new IllegalStateException(e);
            }
        }));
        javax.sql.XAConnection sqlXa = database.xaConnection();
        transaction.enlistResource(sqlXa.getXAResource());
        transaction.enlistResource(session.getXAResource());
        // the same resource manager (isSameRM): Narayana joins this one into the first session's branch
        transaction.enlistResource(second.getXAResource());
        H2Orders.insert(sqlXa.getConnection(), "order-6");
        send(session, queue, "from-first");
        send(second, queue, "from-second");
        manager.commit();

        assertThat(preparedBranches.get()).as("one branch for both sessions").isEqualTo(1);
        assertThat(ClassicMessages.receiveTexts(reader, 2)).containsExactlyInAnyOrder("from-first", "from-second");
        assertThat(database.ids()).containsExactly("order-6");
        assertNothing(reader);
    }

    @Test
    void aRolledBackSendAndInsertAreNeitherThere() throws Exception {
        Queue queue = plain.createQueue("tm-rollback");
        MessageConsumer reader = plain.createConsumer(queue);

        java.sql.Connection sql = begin();
        H2Orders.insert(sql, "order-2");
        send(session, queue, "order-2");
        manager.rollback();

        assertNothing(reader);
        assertThat(database.ids()).isEmpty();
    }

    @Test
    void aCommittedConsumeAndInsertAcknowledgeTheMessageAndWriteTheRow() throws Exception {
        Queue queue = plain.createQueue("tm-consume");
        send(plain, queue, "order-3");
        MessageConsumer consumer = session.createConsumer(queue);

        java.sql.Connection sql = begin();
        String order = receiveText(consumer);
        H2Orders.insert(sql, order);
        manager.commit();

        assertThat(database.ids()).containsExactly("order-3");
        await().atMost(WAIT).until(() -> pending("tm-consume").equals(List.of(0)));
        assertNothing(consumer);
    }

    @Test
    void aConsumeAndInsertRolledBackAfterTheMessagingBranchWasPreparedLeaveNoRowAndRedeliverTheMessage()
            throws Exception {
        Queue queue = plain.createQueue("tm-consume-rollback");
        send(plain, queue, "order-4");
        MessageConsumer consumer = session.createConsumer(queue);

        java.sql.Connection sql = begin();
        String order = receiveText(consumer);
        H2Orders.insert(sql, order);
        // enlisted last, prepared last: the messaging branch is prepared on the server when this votes no
        manager.getTransaction().enlistResource(ScriptedResource.votingRollback());
        assertThatThrownBy(manager::commit).isInstanceOf(RollbackException.class);

        assertThat(database.ids()).isEmpty();
        assertThat(delivery(ClassicMessages.receive(consumer))).isEqualTo("order-4:true:2");
        await().atMost(WAIT).until(() -> pending("tm-consume-rollback").equals(List.of(0)));
    }

    @Test
    void aConsumeRolledBackByTheApplicationIsHandedOutAgain() throws Exception {
        Queue queue = plain.createQueue("tm-app-rollback");
        send(plain, queue, "order-5");
        MessageConsumer consumer = session.createConsumer(queue);

        java.sql.Connection sql = begin();
        H2Orders.insert(sql, receiveText(consumer));
        manager.rollback();

        assertThat(database.ids()).isEmpty();
        assertThat(delivery(ClassicMessages.receive(consumer))).isEqualTo("order-5:true:2");
    }
}
