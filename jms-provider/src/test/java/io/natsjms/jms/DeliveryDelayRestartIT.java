package io.natsjms.jms;

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
import java.util.Deque;
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
    private int port;
    private NatsjmsServer server;
    private final Deque<Connection> opened = new ArrayDeque<>();

    @Test
    void aDelayedMessageArrivesOnceAfterARestartAndNotBeforeItsTime() throws Exception {
        port = freePort();
        server = startServer();
        Connection sender = connect();
        Session session = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("later");
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(3000);
        TextMessage sent = session.createTextMessage("after the restart");
        producer.send(sent);
        // the sending client is gone before the message is due, and so is the server
        opened.remove(sender);
        sender.close();
        server.close();

        server = startServer();
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

    private NatsjmsServer startServer() throws IOException {
        return NatsjmsServer.start(ServerConfig.builder().port(port).clusterId("c").storeType(StoreType.MAPDB)
                .dataDir(dataDir).build());
    }

    private Connection connect() throws JMSException {
        ProviderConfig d = ProviderConfig.defaults();
        ProviderConfig config = new ProviderConfig(List.of("nats://127.0.0.1:" + port), "c", null, null, null,
                d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), Duration.ofSeconds(1), false, d.codec(),
                d.pingInterval(), d.pingMaxOut());
        Connection connection = NatsConnection.open(config, null, null);
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
                // lost with the first server, or closed already
            }
        }
        if (server != null) {
            server.close();
        }
    }
}
