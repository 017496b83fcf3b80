package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.Payloads;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;

/**
 * The two clients of every run, through the jakarta.jms API only: a subscriber connection (client ID
 * {@value #CLIENT_ID}, one AUTO_ACKNOWLEDGE session, the durable subscription {@value #SUBSCRIPTION}
 * on topic {@value #TOPIC}) and a producer connection (one session, one PERSISTENT producer on the
 * topic), each with its own connection as separate applications would have.
 */
final class JmsClients implements AutoCloseable {

    static final String TOPIC = "bench.topic";
    static final String CLIENT_ID = "bench-subscriber";
    static final String SUBSCRIPTION = "bench-durable";

    private final Connection subscriberConnection;
    private final Connection producerConnection;
    private final Session subscriberSession;
    private final Topic subscriberTopic;
    private final Session producerSession;
    private final MessageProducer producer;
    private final String[] bodies = Payloads.randomText();
    private long next;
    private MessageConsumer consumer;

    private JmsClients(Connection subscriberConnection, Connection producerConnection) throws JMSException {
        this.subscriberConnection = subscriberConnection;
        this.producerConnection = producerConnection;
        subscriberConnection.setClientID(CLIENT_ID);
        subscriberSession = subscriberConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        subscriberTopic = subscriberSession.createTopic(TOPIC);
        subscriberConnection.start();
        producerSession = producerConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        producer = producerSession.createProducer(producerSession.createTopic(TOPIC));
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
    }

    /** Opens both connections on {@code factory}; no subscription exists yet. */
    static JmsClients open(ConnectionFactory factory) throws JMSException {
        Connection subscriber = factory.createConnection();
        Connection producer = null;
        try {
            producer = factory.createConnection();
            return new JmsClients(subscriber, producer);
        } catch (JMSException | RuntimeException e) {
            closeQuietly(producer);
            closeQuietly(subscriber);
            throw e;
        }
    }

    /** Creates the durable subscription (or re-attaches to it) with {@code listener} receiving its messages. */
    void attach(MessageListener listener) throws JMSException {
        if (consumer != null) {
            throw new IllegalStateException("durable subscriber: already attached (expected: detached)");
        }
        consumer = subscriberSession.createDurableConsumer(subscriberTopic, SUBSCRIPTION);
        consumer.setMessageListener(listener);
    }

    /** Creates the durable subscription and closes its consumer at once: messages sent now wait for it. */
    void createSubscription() throws JMSException {
        subscriberSession.createDurableConsumer(subscriberTopic, SUBSCRIPTION).close();
    }

    MessageProducer producer() {
        return producer;
    }

    /** A new 1 KB TextMessage of the producer's session (the bodies cycle through 64 random texts). */
    TextMessage nextMessage() throws JMSException {
        return producerSession.createTextMessage(bodies[(int) (next++ % bodies.length)]);
    }

    @Override
    public void close() throws JMSException {
        try {
            producerConnection.close();
        } finally {
            subscriberConnection.close();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (JMSException | RuntimeException e) {
            // the failure that made us close is the one reported
        }
    }
}
