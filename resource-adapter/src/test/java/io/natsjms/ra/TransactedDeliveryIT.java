package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Transacted deliveries (a container-managed transaction): the endpoint is created with the session's
 * XAResource, the container enlists it in beforeDelivery, the message is acknowledged by the transaction's
 * commit and comes back after its rollback, and a message out of redeliveries is dead-lettered in a
 * transaction of its own.
 */
@ExtendWith(HarnessExtension.class)
class TransactedDeliveryIT {

    @Test
    void theAcknowledgementCommitsWithTheContainerTransaction(Harness harness) throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        FakeEndpointFactory mdb = new FakeEndpointFactory(harness.transactions);
        mdb.behave(message -> finish.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "a");
        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 1);
        assertThat(harness.server.pending("orders")).as("unacknowledged while the transaction runs").isEqualTo(1);

        finish.countDown();
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(mdb.deliveries()).extracting(FakeEndpointFactory.Delivery::text,
                FakeEndpointFactory.Delivery::deliveryCount).containsExactly(tuple("a", 1));
        assertThat(mdb.protocolErrors()).isEmpty();
        assertThat(harness.transactions.failures()).isEmpty();
    }

    @Test
    void anIdleSessionRunsNoTransactionUntilAMessageArrives(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(harness.transactions);
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        // a session used to run an empty transaction every 500 ms while it waited
        await().during(Duration.ofMillis(1500)).atMost(PATIENCE).until(() -> mdb.beforeDeliveries() == 0);
        harness.publish("orders", "a");
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0 && mdb.texts().size() == 1);

        await().during(Duration.ofMillis(1500)).atMost(PATIENCE).until(() -> mdb.beforeDeliveries() == 1);
        assertThat(mdb.protocolErrors()).isEmpty();
    }

    @Test
    void aRolledBackTransactionHandsTheMessageOutAgainRedelivered(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(harness.transactions);
        mdb.behave(message -> {
            if (!message.getJMSRedelivered()) {
                harness.transactions.setRollbackOnly();
            }
        });
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "a", "b");

        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 4);
        assertThat(mdb.deliveries()).extracting(FakeEndpointFactory.Delivery::text,
                FakeEndpointFactory.Delivery::deliveryCount, FakeEndpointFactory.Delivery::redelivered)
                .containsExactlyInAnyOrder(tuple("a", 1, false), tuple("a", 2, true),
                        tuple("b", 1, false), tuple("b", 2, true));
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(mdb.protocolErrors()).isEmpty();
    }

    @Test
    void anExhaustedMessageIsDeadLetteredWithTheLastFailure(Harness harness) throws Exception {
        Session session = harness.session();
        MessageConsumer deadLetters = session.createConsumer(session.createTopic("orders.dlq"));
        FakeEndpointFactory mdb = new FakeEndpointFactory(harness.transactions);
        mdb.behave(message -> {
            if (((TextMessage) message).getText().equals("poison")) {
                throw new IllegalArgumentException("cannot handle poison");
            }
        });
        NatsActivationSpec spec = harness.spec("orders");
        spec.setMaxRedeliveries(2);
        spec.setDeadLetterChannel("orders.dlq");
        harness.activate(mdb, spec);
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "poison");
        Message dead = deadLetters.receive(PATIENCE.toMillis());
        harness.publish("orders", "fine");

        assertThat(dead).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) dead).getText()).isEqualTo("poison");
        assertThat(dead.getIntProperty(DeadLetters.DELIVERY_COUNT)).isEqualTo(3);
        assertThat(dead.getStringProperty(DeadLetters.REASON)).contains("cannot handle poison");
        await().atMost(PATIENCE).until(() -> mdb.texts().contains("fine"));
        assertThat(mdb.deliveries()).extracting(FakeEndpointFactory.Delivery::text,
                FakeEndpointFactory.Delivery::deliveryCount)
                .containsExactly(tuple("poison", 1), tuple("poison", 2), tuple("poison", 3), tuple("fine", 1));
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(deadLetters.receive(500)).as("one copy only").isNull();
        assertThat(mdb.protocolErrors()).isEmpty();
    }

    @Test
    void aContainerThatRollsBackDeliveriesWithoutOnMessageStillGetsTheMessageDeadLettered(Harness harness)
            throws Exception {
        Session session = harness.session();
        MessageConsumer deadLetters = session.createConsumer(session.createTopic("orders.dlq"));
        FakeEndpointFactory mdb = new FakeEndpointFactory(harness.transactions);
        mdb.rollBackWithoutOnMessage();
        mdb.behave(message -> {
            throw new IllegalArgumentException("always fails");
        });
        NatsActivationSpec spec = harness.spec("orders");
        spec.setMaxRedeliveries(1);
        spec.setDeadLetterChannel("orders.dlq");
        harness.activate(mdb, spec);
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "poison");

        Message dead = deadLetters.receive(PATIENCE.toMillis());
        assertThat(dead).as("dead-lettered in the adapter's own transaction").isNotNull();
        assertThat(dead.getIntProperty(DeadLetters.DELIVERY_COUNT)).isEqualTo(2);
        assertThat(dead.getStringProperty(DeadLetters.REASON)).contains("always fails");
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(mdb.deliveryCounts()).containsExactly(1, 2);
        assertThat(deadLetters.receive(500)).as("one copy only").isNull();
    }

    @Test
    void aMessageArrivingWithItsRedeliveriesUsedUpIsDeadLetteredWithoutOnMessage(Harness harness) throws Exception {
        Session session = harness.session();
        MessageConsumer deadLetters = session.createConsumer(session.createTopic("orders.dlq"));
        FakeEndpointFactory first = new FakeEndpointFactory(null);
        first.behave(message -> {
            throw new IllegalArgumentException("fails outside transactions");
        });
        NatsActivationSpec spec = harness.spec("orders");
        spec.setDestinationType("jakarta.jms.Queue");
        spec.setMaxRedeliveries(-1);
        harness.activate(first, spec);
        harness.awaitSubscribers("orders", 1);
        harness.session().createProducer(harness.session().createQueue("orders"))
                .send(harness.session().createTextMessage("poison"));
        await().atMost(PATIENCE).until(() -> first.texts().size() >= 3);
        harness.deactivate(first, spec);

        FakeEndpointFactory second = new FakeEndpointFactory(harness.transactions);
        NatsActivationSpec limited = harness.spec("orders");
        limited.setDestinationType("jakarta.jms.Queue");
        limited.setMaxRedeliveries(0);
        limited.setDeadLetterChannel("orders.dlq");
        harness.activate(second, limited);

        Message dead = deadLetters.receive(PATIENCE.toMillis());
        assertThat(dead).isNotNull();
        assertThat(dead.getStringProperty(DeadLetters.REASON)).contains("the last failure is not known here");
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(second.texts()).as("no onMessage for a message out of redeliveries").isEmpty();
    }

    @Test
    void aNonTransactedEndpointGetsNoXaResource(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "a");

        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0 && mdb.texts().size() == 1);
        assertThat(mdb.xaResources()).containsOnlyNulls();
    }
}
