package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends through the pooled factory of a pool the container enlists, with a local transaction or with the
 * connection's XAResource, take effect when the container transaction commits and never when it rolls back;
 * outside a transaction, and always through a pool the container does not enlist ({@code NoTransaction}),
 * they are sent, and confirmed, when {@code send} returns.
 */
@ExtendWith(HarnessExtension.class)
class OutboundTransactionIT {

    private FakeConnectionManager pool;

    @AfterEach
    void closePool() throws Exception {
        if (pool != null) {
            pool.destroyAll();
        }
    }

    /** How the container treats the pool: "local", "xa" or "none" (not enlisted). */
    private ConnectionFactory factory(Harness harness, String support) {
        pool = new FakeConnectionManager(harness.transactions, !support.equals("none"), support.equals("xa"));
        NatsManagedConnectionFactory managed = new NatsManagedConnectionFactory();
        managed.setResourceAdapter(harness.adapter);
        managed.setPubAckTimeout("2000");
        return (ConnectionFactory) managed.createConnectionFactory(pool);
    }

    @ParameterizedTest(name = "pool: {0}")
    @ValueSource(strings = {"local", "xa"})
    void aSendInATransactionIsPublishedOnCommit(String support, Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, support);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        harness.transactions.begin();
        send(factory, "in-transaction");
        assertThat(consumer.receive(500)).as("visible before the commit").isNull();
        assertThat(harness.transactions.commit()).isTrue();

        assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("in-transaction");
        assertThat(pool.idleCount()).as("the connection is back in the pool after the transaction").isEqualTo(1);
        assertThat(harness.transactions.failures()).isEmpty();
    }

    @ParameterizedTest(name = "pool: {0}")
    @ValueSource(strings = {"local", "xa"})
    void aSendInATransactionIsDiscardedOnRollback(String support, Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, support);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        harness.transactions.begin();
        send(factory, "rolled-back");
        harness.transactions.rollback();
        send(factory, "after");

        assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("after");
        assertThat(consumer.receive(500)).isNull();
        assertThat(harness.transactions.failures()).isEmpty();
    }

    @Test
    void aNoTransactionPoolPublishesAtSendTimeEvenInsideATransaction(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, "none");
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        harness.transactions.begin();
        send(factory, "not-enlisted");
        assertThat(text(consumer.receive(PATIENCE.toMillis()))).as("published before the transaction ends")
                .isEqualTo("not-enlisted");
        harness.transactions.rollback();
        assertThat(consumer.receive(500)).as("nothing more after the rollback").isNull();
    }

    @Test
    void aNoTransactionPoolReportsAnUnreachableServerToTheSender(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, "none");
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageProducer producer = session.createProducer(session.createTopic("outbox"));
            harness.server.stop();

            harness.transactions.begin();
            try {
                assertThatThrownBy(() -> producer.send(session.createTextMessage("lost?")))
                        .as("the send fails where the application can still roll back")
                        .isInstanceOf(JMSException.class);
            } finally {
                harness.transactions.rollback();
            }
        }
    }

    @Test
    void aSendOutsideATransactionIsPublishedAtOnce(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, "local");
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createTopic("outbox")).send(session.createTextMessage("now"));
            assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("now");
            assertThat(session.getTransacted()).isFalse();
        }
    }

    @ParameterizedTest(name = "pool: {0}")
    @ValueSource(strings = {"local", "xa"})
    void aJmsContextJoinsTheTransaction(String support, Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, support);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        harness.transactions.begin();
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createTopic("outbox"), "from-context");
        }
        assertThat(consumer.receive(500)).isNull();
        harness.transactions.commit();

        assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("from-context");
    }

    @Test
    void aMessageReceivedInARolledBackLocalTransactionComesBack(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, "local");
        harness.session().createProducer(harness.session().createQueue("inbox"))
                .send(harness.session().createTextMessage("job"));

        harness.transactions.begin();
        assertThat(receiveFromQueue(factory)).isEqualTo("job");
        harness.transactions.rollback();

        harness.transactions.begin();
        assertThat(receiveFromQueue(factory)).isEqualTo("job");
        assertThat(harness.transactions.commit()).isTrue();

        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> harness.server.pending("inbox") == 0);
        assertThat(harness.server.subscriptions("inbox")).allSatisfy(s -> assertThat(s.lastSent()).isEqualTo(1));
    }

    /** An XA branch's receive rolled back comes back at once, to the next transaction's receive. */
    @Test
    void aMessageReceivedInARolledBackXaBranchComesBack(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, "xa");
        harness.session().createProducer(harness.session().createQueue("inbox"))
                .send(harness.session().createTextMessage("job"));

        harness.transactions.begin();
        Connection connection = factory.createConnection();
        try {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("inbox"));
            connection.start();
            assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("job");
            assertThat(session.getTransacted()).as("in the XA branch").isTrue();
        } finally {
            harness.transactions.rollback();
            connection.close();
        }

        harness.transactions.begin();
        assertThat(receiveFromQueue(factory)).isEqualTo("job");
        assertThat(harness.transactions.commit()).isTrue();

        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> harness.server.pending("inbox") == 0);
        assertThat(harness.transactions.failures()).isEmpty();
    }

    @Test
    void aMessageReceivedInACommittedXaBranchIsAcknowledgedThoughTheConnectionClosedFirst(Harness harness)
            throws Exception {
        ConnectionFactory factory = factory(harness, "xa");
        harness.session().createProducer(harness.session().createQueue("inbox"))
                .send(harness.session().createTextMessage("job"));

        harness.transactions.begin();
        assertThat(receiveFromQueue(factory)).isEqualTo("job");
        assertThat(harness.transactions.commit()).isTrue();

        org.awaitility.Awaitility.await().atMost(PATIENCE).until(() -> harness.server.pending("inbox") == 0);
        harness.transactions.begin();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("inbox"));
            connection.start();
            assertThat(consumer.receive(1000)).as("acknowledged by the commit, not delivered again").isNull();
        } finally {
            harness.transactions.rollback();
        }
        assertThat(harness.transactions.failures()).isEmpty();
    }

    private static String receiveFromQueue(ConnectionFactory factory) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("inbox"));
            connection.start();
            return text(consumer.receive(PATIENCE.toMillis()));
        }
    }

    @ParameterizedTest(name = "pool: {0}")
    @ValueSource(strings = {"local", "xa"})
    void theApplicationCannotCommitTheContainersTransaction(String support, Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, support);
        harness.transactions.begin();
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createTopic("outbox")).send(session.createTextMessage("x"));
            assertThat(session.getTransacted()).isTrue();
            assertThatThrownBy(session::commit).isInstanceOf(TransactionInProgressException.class)
                    .hasMessageContaining("container");
        } finally {
            harness.transactions.rollback();
        }
    }

    private static void send(ConnectionFactory factory, String text) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            session.createProducer(session.createTopic("outbox")).send(session.createTextMessage(text));
        }
    }

    private static String text(Message message) throws Exception {
        assertThat(message).isInstanceOf(TextMessage.class);
        return ((TextMessage) message).getText();
    }
}
