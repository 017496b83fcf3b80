package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.stan.StanException;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.TransactionRolledBackException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledgements that cannot be sent because the server process (MapDB) was killed and NATS is
 * reconnecting: a transaction whose commit fails, and CLIENT_ACKNOWLEDGE's {@code acknowledge()}, leave
 * every consumed message to be received again (flagged redelivered) once recovered, exactly once; an
 * AUTO_ACKNOWLEDGE receive still returns its message, and the server's redelivery of it after the
 * restart is not handed out again. Ack wait 2 s; about 10 s per test (two server starts).
 */
class AckDuringReconnectIT {

    private static final String CLUSTER = "ackreconnect";
    private static final int COUNT = 5;
    private static final Duration ACK_WAIT = Duration.ofSeconds(2);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ServerProcess server;
    private NatsConnection connection;
    private Queue queue;

    @BeforeEach
    void startServer() throws Exception {
        server = new ServerProcess(Files.createDirectories(dir.resolve("data")),
                Files.createDirectories(dir.resolve("logs")), CLUSTER, List.of());
        server.start();
        ProviderConfig d = ProviderConfig.defaults();
        ProviderConfig config = new ProviderConfig(List.of(server.url()), CLUSTER, null, null, null,
                d.connectTimeout(), Duration.ofSeconds(5), d.maxInFlight(), ACK_WAIT, false, d.codec(),
                d.pingInterval(), d.pingMaxOut());
        connection = (NatsConnection) NatsConnection.open(config, null, null);
        connection.start();
    }

    @AfterEach
    void stopEverything() throws Exception {
        try {
            connection.close();
        } catch (JMSException e) {
            // the server may be gone
        }
        server.close();
    }

    @Test
    void aCommitWhoseAcksFailRedeliversEveryMessageOfTheTransaction() throws Exception {
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = consumerWithMessages(session);
        List<String> first = receive(consumer, COUNT, false);

        killServerUntilPublishingFails();
        JMSException failure = org.junit.jupiter.api.Assertions.assertThrows(JMSException.class, session::commit);
        restartServer();

        assertThat(receive(consumer, COUNT, true)).isEqualTo(first);
        assertThat(failure).isInstanceOf(TransactionRolledBackException.class).hasMessageContaining("cannot ack");
        session.commit();
        assertThat(consumer.receive(2 * ACK_WAIT.toMillis())).as("delivered again after the commit").isNull();
    }

    @Test
    void aFailedClientAcknowledgeLeavesTheMessagesToRecover() throws Exception {
        Session session = connection.createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = consumerWithMessages(session);
        List<String> first = receive(consumer, COUNT, false);

        killServerUntilPublishingFails();
        assertThatThrownBy(lastReceived::acknowledge).isInstanceOf(JMSException.class)
                .hasMessageContaining("cannot ack");
        restartServer();

        session.recover();
        assertThat(receive(consumer, COUNT, true)).isEqualTo(first);
        lastReceived.acknowledge();
        assertThat(consumer.receive(2 * ACK_WAIT.toMillis())).as("delivered again after acknowledge").isNull();
    }

    @Test
    void anAutoAcknowledgeWhoseAckFailsIsAcknowledgedWhenTheServerRedelivers() throws Exception {
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Session producer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("ackreconnect.q");
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer sender = producer.createProducer(queue);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            sent.add("m" + i);
            sender.send(producer.createTextMessage("m" + i));
        }
        // the messages wait in the consumer's buffer while the server goes away
        await("all buffered").atMost(WAIT).until(() -> bufferedCount(consumer) == COUNT);
        killServerUntilPublishingFails();
        assertThat(receive(consumer, COUNT, false)).isEqualTo(sent);
        restartServer();

        assertThat(consumer.receive(3 * ACK_WAIT.toMillis())).as("handed out again after a failed ack").isNull();
        // the acks sent again on the server's redelivery: a new consumer gets nothing
        consumer.close();
        MessageConsumer next = session.createConsumer(queue);
        assertThat(next.receive(2 * ACK_WAIT.toMillis())).as("left unacknowledged on the server").isNull();
    }

    private Message lastReceived;

    private MessageConsumer consumerWithMessages(Session session) throws JMSException {
        Session producer = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        queue = session.createQueue("ackreconnect.q");
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer sender = producer.createProducer(queue);
        for (int i = 0; i < COUNT; i++) {
            sender.send(producer.createTextMessage("m" + i));
        }
        return consumer;
    }

    private List<String> receive(MessageConsumer consumer, int count, boolean redelivered) throws JMSException {
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Message message = consumer.receive(WAIT.toMillis());
            assertThat(message).as("message %d of %d (received so far: %s)", i + 1, count, contents).isNotNull();
            assertThat(message.getJMSRedelivered()).as("JMSRedelivered of " + ((TextMessage) message).getText())
                    .isEqualTo(redelivered);
            contents.add(((TextMessage) message).getText());
            lastReceived = message;
        }
        return contents;
    }

    private static int bufferedCount(MessageConsumer consumer) {
        return ((NatsMessageConsumer) consumer).bufferedCount();
    }

    private void killServerUntilPublishingFails() throws InterruptedException {
        server.kill();
        await("NATS reconnecting").atMost(WAIT).until(() -> !canPublish());
    }

    private void restartServer() throws Exception {
        server.start();
        await("NATS reconnected").atMost(WAIT).until(this::canPublish);
    }

    private boolean canPublish() {
        try {
            connection.stan().publishCore("ackreconnect.probe", null, new byte[0]);
            return true;
        } catch (StanException e) {
            return false;
        }
    }
}
