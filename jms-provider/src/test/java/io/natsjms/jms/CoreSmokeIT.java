package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The classic API end to end against an in-process server: the paths every other test builds on. */
class CoreSmokeIT {

    private NatsjmsServer server;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = NatsjmsServer.start(ServerConfig.builder().port(0).clusterId("c").build());
    }

    @AfterEach
    void stop() throws Exception {
        for (Connection connection : connections) {
            connection.close();
        }
        server.close();
    }

    private ProviderConfig config(String clientId) {
        ProviderConfig d = ProviderConfig.defaults();
        return new ProviderConfig(List.of("nats://127.0.0.1:" + server.natsPort()), "c", clientId, null, null,
                d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), d.ackWait(), false, d.codec(),
                d.pingInterval(), d.pingMaxOut());
    }

    private Connection connect(String clientId) throws JMSException {
        Connection connection = NatsConnection.open(config(clientId), null, null);
        connections.add(connection);
        connection.start();
        return connection;
    }

    @Test
    void topicSendReceive() throws Exception {
        Session session = connect(null).createSession();
        Topic topic = session.createTopic("orders");
        MessageConsumer consumer = session.createConsumer(topic);
        session.createProducer(topic).send(session.createTextMessage("hello"));
        Message received = consumer.receive(5000);
        assertThat(received).isInstanceOf(TextMessage.class);
        assertThat(((TextMessage) received).getText()).isEqualTo("hello");
        assertThat(received.getJMSMessageID()).startsWith("ID:");
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(received.getIntProperty("JMSXDeliveryCount")).isEqualTo(1);
    }

    @Test
    void queueMessagesWaitForAConsumer() throws Exception {
        Session session = connect(null).createSession();
        Queue queue = session.createQueue("work");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        MessageConsumer consumer = session.createConsumer(queue);
        for (int i = 0; i < 3; i++) {
            assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("m" + i);
        }
        assertThat(consumer.receive(200)).isNull();
    }

    @Test
    void clientAcknowledgeRecoverRedelivers() throws Exception {
        Session session = connect(null).createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("acks");
        session.createProducer(queue).send(session.createTextMessage("once"));
        MessageConsumer consumer = session.createConsumer(queue);
        Message first = consumer.receive(5000);
        assertThat(first.getJMSRedelivered()).isFalse();
        session.recover();
        Message again = consumer.receive(5000);
        assertThat(again.getJMSRedelivered()).isTrue();
        assertThat(again.getIntProperty("JMSXDeliveryCount")).isEqualTo(2);
        again.acknowledge();
        assertThat(consumer.receive(200)).isNull();
    }

    @Test
    void transactedSendsWaitForCommitAndRollbackRedelivers() throws Exception {
        Connection connection = connect(null);
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Session plain = connection.createSession();
        Queue queue = tx.createQueue("tx");
        MessageConsumer consumer = plain.createConsumer(queue);
        tx.createProducer(queue).send(tx.createTextMessage("t"));
        assertThat(consumer.receive(300)).isNull();
        tx.commit();
        assertThat(((TextMessage) consumer.receive(5000)).getText()).isEqualTo("t");

        plain.createProducer(queue).send(plain.createTextMessage("r"));
        consumer.close();
        MessageConsumer txConsumer = tx.createConsumer(queue);
        assertThat(((TextMessage) txConsumer.receive(5000)).getText()).isEqualTo("r");
        tx.rollback();
        Message again = txConsumer.receive(5000);
        assertThat(again.getJMSRedelivered()).isTrue();
        tx.commit();
        assertThat(txConsumer.receive(200)).isNull();
    }

    @Test
    void durableSubscriptionKeepsMessagesWhileClosed() throws Exception {
        Connection connection = connect("durable-client");
        Session session = connection.createSession();
        Topic topic = session.createTopic("news");
        MessageConsumer durable = session.createDurableConsumer(topic, "reader");
        durable.close();
        session.createProducer(topic).send(session.createTextMessage("missed"));
        durable = session.createDurableConsumer(topic, "reader");
        assertThat(((TextMessage) durable.receive(5000)).getText()).isEqualTo("missed");
        assertThatThrownBy(() -> session.unsubscribe("reader")).isInstanceOf(jakarta.jms.IllegalStateException.class);
        durable.close();
        session.unsubscribe("reader");
        assertThatThrownBy(() -> session.unsubscribe("reader"))
                .isInstanceOf(jakarta.jms.InvalidDestinationException.class);
    }

    @Test
    void listenerReceivesAndTemporaryQueueHoldsMessagesForLaterConsumers() throws Exception {
        Session session = connect(null).createSession();
        TemporaryQueue temporary = session.createTemporaryQueue();
        session.createProducer(temporary).send(session.createTextMessage("early"));
        List<String> texts = new CopyOnWriteArrayList<>();
        session.createConsumer(temporary).setMessageListener(message -> {
            try {
                texts.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        Awaitility.await().atMost(5, TimeUnit.SECONDS).until(() -> texts.contains("early"));
    }

    @Test
    void clientIdIsExclusive() throws Exception {
        connect("only-one");
        assertThatThrownBy(() -> connect("only-one")).isInstanceOf(InvalidClientIDException.class);
        Connection late = NatsConnection.open(config(null), null, null);
        connections.add(late);
        late.createSession();
        assertThatThrownBy(() -> late.setClientID("x")).isInstanceOf(jakarta.jms.IllegalStateException.class);
    }
    @Test
    void closingATransactedSessionRollsBackItsDurableReceipt() throws Exception {
        Connection connection = connect("tx-durable");
        Session publishing = connection.createSession(Session.SESSION_TRANSACTED);
        Topic topic = publishing.createTopic("txtopic");
        MessageProducer producer = publishing.createProducer(topic);
        Session receiving = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer subscriber = receiving.createDurableConsumer(topic, "txsub");
        producer.send(publishing.createTextMessage("first"));
        publishing.commit();
        assertThat(((TextMessage) subscriber.receive(5000)).getText()).isEqualTo("first");
        receiving.commit();
        producer.send(publishing.createTextMessage("second"));
        publishing.commit();
        assertThat(((TextMessage) subscriber.receive(5000)).getText()).isEqualTo("second");
        receiving.close();
        Session again = connection.createSession(Session.SESSION_TRANSACTED);
        MessageConsumer resumed = again.createDurableConsumer(topic, "txsub");
        Message redelivered = resumed.receive(5000);
        assertThat(((TextMessage) redelivered).getText()).isEqualTo("second");
        assertThat(redelivered.getJMSRedelivered()).isTrue();
        again.commit();
        resumed.close();
        again.unsubscribe("txsub");
    }
}
