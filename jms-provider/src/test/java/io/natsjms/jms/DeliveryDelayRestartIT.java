package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delayed message outlives a server restart between its send and its delivery time (the server keeps
 * it in its store, on MapDB) and the crash of the client that sent it: it arrives once, not before its
 * time, at a consumer that connects after the restart.
 */
class DeliveryDelayRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;
    private RestartableServer server;

    @Test
    void aDelayedMessageArrivesOnceAfterARestartAndNotBeforeItsTime() throws Exception {
        server = new RestartableServer(dataDir).start();
        Connection sender = connect();
        Session session = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("later");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(3000);
        TextMessage sent = session.createTextMessage("after the restart");
        producer.send(sent);
        // the sending client is gone before the message is due, and so is the server
        sender.close();
        server.stop();

        server.start();
        Session receiving = connect().createSession(false, Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer consumer = receiving.createConsumer(receiving.createQueue("later"));

        TextMessage received = (TextMessage) consumer.receive(WAIT.toMillis());
        long arrived = System.currentTimeMillis();
        assertThat(received).isNotNull();
        assertThat(received.getText()).isEqualTo("after the restart");
        assertThat(received.getJMSMessageID()).isEqualTo(sent.getJMSMessageID());
        assertThat(arrived).isGreaterThanOrEqualTo(sent.getJMSDeliveryTime());
        received.acknowledge();
        assertThat(consumer.receive(1500)).isNull();
        await().atMost(WAIT).until(() -> server.snapshot().channels().stream()
                .filter(c -> c.name().equals("later")).allMatch(c -> c.lastSeq() == 1));
    }

    private Connection connect() throws JMSException {
        ProviderConfig d = ProviderConfig.defaults();
        return server.connect(server.config(null, Duration.ofSeconds(1), d.pingInterval(), d.pingMaxOut()));
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }
}
