package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queue messages no consumer's selector selected wait on the server's MapDB store across a restart:
 * after it, a browser still shows them, a consumer that selects them gets them, and the consumers that
 * were there before the restart go on with their own selectors.
 */
class QueueSelectorRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;
    private int port;
    private NatsjmsServer server;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @Test
    void messagesNoConsumerSelectedWaitAcrossAServerRestart() throws Exception {
        port = freePort();
        server = startServer();
        Session session = connect().createSession();
        Queue queue = session.createQueue("parked");
        MessageConsumer red = session.createConsumer(queue, "color = 'red'");
        send(session, queue, "green0", "green");
        send(session, queue, "red1", "red");
        send(session, queue, "green2", "green");
        assertThat(receiveTexts(red, 1)).containsExactly("red1");
        await().atMost(WAIT).until(() -> browse(session, queue).equals(List.of("green0", "green2")));

        server.close();
        server = startServer();

        // the connection outlives the restart (its client is recovered), and so does its consumer; a browse
        // through it answers once it has reconnected
        await().atMost(WAIT).ignoreExceptions()
                .untilAsserted(() -> assertThat(browse(session, queue)).containsExactly("green0", "green2"));
        Session again = connect().createSession();
        assertThat(browse(again, queue)).containsExactly("green0", "green2");
        send(again, queue, "red3", "red");
        assertThat(receiveTexts(red, 1)).containsExactly("red3");
        MessageConsumer green = again.createConsumer(queue, "color = 'green'");
        assertThat(receiveTexts(green, 2)).containsExactly("green0", "green2");
        assertNothing(green);
        assertNothing(red);
    }

    private static void send(Session session, Queue queue, String text, String color) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty("color", color);
        producer.send(message);
        producer.close();
    }

    private static List<String> browse(Session session, Queue queue) throws JMSException {
        List<String> texts = new java.util.ArrayList<>();
        var browser = session.createBrowser(queue);
        for (Object message : Collections.list(browser.getEnumeration())) {
            texts.add(((TextMessage) message).getText());
        }
        browser.close();
        return texts;
    }

    private NatsjmsServer startServer() throws IOException {
        return NatsjmsServer.start(ServerConfig.builder().port(port).clusterId("c").storeType(StoreType.MAPDB)
                .dataDir(dataDir).build());
    }

    private Connection connect() throws JMSException {
        ProviderConfig d = ProviderConfig.defaults();
        ProviderConfig config = new ProviderConfig(List.of("nats://127.0.0.1:" + port), "c", null, null, null,
                d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), d.ackWait(), false, d.codec(),
                d.pingInterval(), d.pingMaxOut());
        NatsConnection connection = NatsConnection.open(config, null, null);
        opened.push(connection);
        connection.start();
        return connection;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @AfterEach
    void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // lost with the first server on purpose, or closed already
            }
        }
        if (server != null) {
            server.close();
        }
    }
}
