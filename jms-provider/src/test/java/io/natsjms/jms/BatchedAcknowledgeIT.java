package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AUTO_ACKNOWLEDGE and CLIENT_ACKNOWLEDGE consumers send their acks in batches (the natsjms ack batch
 * extension), or as plain acks to a server without it. Either way a message whose ack was sent before
 * the consumer went away does not come again, and one that was not acknowledged does.
 */
class BatchedAcknowledgeIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @RegisterExtension
    final JmsTestServer current = new JmsTestServer();
    /** An older server: it listens under another discover prefix, see {@link #older()}. */
    @RegisterExtension
    final JmsTestServer old = new JmsTestServer(config -> config.discoverPrefix(OlderServer.PREFIX));

    /** {@link #old} as a server without the natsjms extensions ({@link OlderServer}). */
    private JmsTestServer older() throws Exception {
        return OlderServer.behindRelay(old);
    }

    private static void send(JmsTestServer server, String topicName, int count) throws JMSException {
        Connection connection = server.connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createTopic(topicName));
        for (int i = 1; i <= count; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        connection.close();
    }

    private static Connection subscriber(JmsTestServer server) throws JMSException {
        Connection connection = server.connection();
        connection.setClientID("drainer");
        return connection;
    }

    private static String text(Message message) {
        try {
            return ((TextMessage) message).getText();
        } catch (JMSException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whatever the durable {@code d} of topic {@code t} still holds, received until it is quiet. */
    private static List<String> leftOver(JmsTestServer server) throws JMSException {
        Connection connection = subscriber(server);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createDurableSubscriber(session.createTopic("t"), "d");
        connection.start();
        List<String> texts = new ArrayList<>();
        for (Message message = consumer.receive(1000); message != null; message = consumer.receive(500)) {
            texts.add(text(message));
        }
        connection.close();
        return texts;
    }

    private static void listenerDrainsTheBacklogAndNothingComesAgain(JmsTestServer server) throws Exception {
        Connection connection = subscriber(server);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("t");
        session.createDurableSubscriber(topic, "d").close();
        send(server, "t", 3000);
        List<String> received = new CopyOnWriteArrayList<>();
        session.createDurableSubscriber(topic, "d").setMessageListener(message -> received.add(text(message)));

        connection.start();
        await().atMost(WAIT).until(() -> received.size() >= 3000);
        connection.close();

        assertThat(received).hasSize(3000).doesNotHaveDuplicates();
        assertThat(leftOver(server)).isEmpty();
    }

    @Test
    void aListenerDrainsABacklogAndNothingComesAgain() throws Exception {
        listenerDrainsTheBacklogAndNothingComesAgain(current);
    }

    @Test
    void aListenerDrainsABacklogAndNothingComesAgainWithoutTheExtension() throws Exception {
        listenerDrainsTheBacklogAndNothingComesAgain(older());
    }

    /** Receives some of the backlog: those are acknowledged by the close, the rest comes to the next consumer. */
    private static void receivedMessagesAreAcknowledgedAtCloseTheRestComesAgain(JmsTestServer server)
            throws Exception {
        Connection connection = subscriber(server);
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Topic topic = session.createTopic("t");
        session.createDurableSubscriber(topic, "d").close();
        send(server, "t", 50);
        MessageConsumer consumer = session.createDurableSubscriber(topic, "d");
        connection.start();
        List<String> received = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            received.add(text(consumer.receive(WAIT.toMillis())));
        }
        await().atMost(WAIT).until(() -> ((NatsMessageConsumer) consumer).bufferedCount() == 30);
        connection.close();

        List<String> rest = leftOver(server);

        assertThat(received).containsExactlyElementsOf(texts(1, 20));
        assertThat(rest).containsExactlyElementsOf(texts(21, 50));
    }

    @Test
    void receivedMessagesAreAcknowledgedByTheCloseTheRestComesAgain() throws Exception {
        receivedMessagesAreAcknowledgedAtCloseTheRestComesAgain(current);
    }

    @Test
    void receivedMessagesAreAcknowledgedByTheCloseTheRestComesAgainWithoutTheExtension() throws Exception {
        receivedMessagesAreAcknowledgedAtCloseTheRestComesAgain(older());
    }

    private static void clientAcknowledgeSendsAtAcknowledge(JmsTestServer server) throws Exception {
        Connection connection = subscriber(server);
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = session.createTopic("t");
        session.createDurableSubscriber(topic, "d").close();
        send(server, "t", 30);
        MessageConsumer consumer = session.createDurableSubscriber(topic, "d");
        connection.start();
        Message last = null;
        for (int i = 0; i < 20; i++) {
            last = consumer.receive(WAIT.toMillis());
        }
        last.acknowledge();
        for (int i = 0; i < 5; i++) {
            consumer.receive(WAIT.toMillis());
        }
        // 21-25 consumed but not acknowledged, 26-30 not consumed: all ten come again
        connection.close();

        assertThat(leftOver(server)).containsExactlyElementsOf(texts(21, 30));
    }

    @Test
    void clientAcknowledgeSendsEverythingConsumedAtAcknowledge() throws Exception {
        clientAcknowledgeSendsAtAcknowledge(current);
    }

    @Test
    void clientAcknowledgeSendsEverythingConsumedAtAcknowledgeWithoutTheExtension() throws Exception {
        clientAcknowledgeSendsAtAcknowledge(older());
    }

    private static List<String> texts(int from, int to) {
        List<String> texts = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            texts.add("m" + i);
        }
        return texts;
    }
}
