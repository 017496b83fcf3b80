package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionInProgressException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sends through the pooled factory take effect when the container transaction commits and never when it
 * rolls back, whether the container enlists the connection or the adapter joins the transaction itself;
 * outside a transaction they are sent at once.
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

    private ConnectionFactory factory(Harness harness, boolean enlist) {
        pool = new FakeConnectionManager(harness.transactions, enlist);
        NatsManagedConnectionFactory managed = new NatsManagedConnectionFactory();
        managed.setResourceAdapter(harness.adapter);
        return (ConnectionFactory) managed.createConnectionFactory(pool);
    }

    @ParameterizedTest(name = "container enlists: {0}")
    @ValueSource(booleans = {true, false})
    void aSendInATransactionIsPublishedOnCommit(boolean enlist, Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, enlist);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        harness.transactions.begin();
        send(factory, "in-transaction");
        assertThat(consumer.receive(500)).as("visible before the commit").isNull();
        assertThat(harness.transactions.commit()).isTrue();

        assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("in-transaction");
        assertThat(pool.idleCount()).as("the connection is back in the pool after the transaction").isEqualTo(1);
    }

    @ParameterizedTest(name = "container enlists: {0}")
    @ValueSource(booleans = {true, false})
    void aSendInATransactionIsDiscardedOnRollback(boolean enlist, Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, enlist);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        harness.transactions.begin();
        send(factory, "rolled-back");
        harness.transactions.rollback();
        send(factory, "after");

        assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("after");
        assertThat(consumer.receive(500)).isNull();
    }

    @Test
    void aSendOutsideATransactionIsPublishedAtOnce(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, true);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            session.createProducer(session.createTopic("outbox")).send(session.createTextMessage("now"));
            assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("now");
            assertThat(session.getTransacted()).isFalse();
        }
    }

    @Test
    void aJmsContextJoinsTheTransaction(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, false);
        MessageConsumer consumer = harness.session().createConsumer(harness.session().createTopic("outbox"));

        harness.transactions.begin();
        try (JMSContext context = factory.createContext()) {
            context.createProducer().send(context.createTopic("outbox"), "from-context");
        }
        assertThat(consumer.receive(500)).isNull();
        harness.transactions.commit();

        assertThat(text(consumer.receive(PATIENCE.toMillis()))).isEqualTo("from-context");
    }

    @ParameterizedTest(name = "container enlists: {0}")
    @ValueSource(booleans = {true, false})
    void aMessageReceivedInARolledBackTransactionComesBack(boolean enlist, Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, enlist);
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

    private static String receiveFromQueue(ConnectionFactory factory) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession();
            MessageConsumer consumer = session.createConsumer(session.createQueue("inbox"));
            connection.start();
            return text(consumer.receive(PATIENCE.toMillis()));
        }
    }

    @Test
    void theApplicationCannotCommitTheContainersTransaction(Harness harness) throws Exception {
        ConnectionFactory factory = factory(harness, true);
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
