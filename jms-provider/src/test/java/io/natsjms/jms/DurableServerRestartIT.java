package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A durable subscriber whose connection is lost while the server restarts (on its MapDB store, same
 * port) gets, in its next connection, what was published while it was away and what comes after.
 */
class DurableServerRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;
    private int port;
    private NatsjmsServer server;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @Test
    void aDurableSubscriberReconnectingAfterARestartGetsWhatWasPublishedMeanwhileAndAfter() throws Exception {
        port = freePort();
        server = startServer();
        Connection reader = connect("reader");
        List<JMSException> lost = new CopyOnWriteArrayList<>();
        reader.setExceptionListener(lost::add);
        Session session = reader.createSession();
        Topic topic = session.createTopic("news");
        MessageConsumer durable = session.createDurableConsumer(topic, "d");
        Session publisher = connect(null).createSession();
        send(publisher, topic, "n0");
        assertThat(receiveTexts(durable, 1)).containsExactly("n0");
        await().atMost(WAIT).until(() -> durableViews().stream().allMatch(d -> d.pendingCount() == 0));

        server.close();
        // the reader's PINGs go unanswered: the provider gives its connection up
        await().atMost(WAIT).until(() -> !lost.isEmpty());
        server = startServer();

        send(connect(null).createSession(), topic, "n1", "n2");
        Session again = connect("reader").createSession();
        MessageConsumer resumed = again.createDurableConsumer(topic, "d");
        assertThat(receiveTexts(resumed, 2)).containsExactly("n1", "n2");
        send(again, topic, "n3");
        assertThat(receiveTexts(resumed, 1)).containsExactly("n3");
        assertNothing(resumed);
        assertThat(durableViews()).singleElement().satisfies(d -> assertThat(d.offline()).isFalse());
    }

    private List<ServerSnapshot.SubscriptionView> durableViews() {
        return server.snapshot().channels().stream().filter(c -> c.name().equals("news"))
                .flatMap(c -> c.subscriptions().stream()).filter(ServerSnapshot.SubscriptionView::durable).toList();
    }

    private NatsjmsServer startServer() throws IOException {
        return NatsjmsServer.start(ServerConfig.builder().port(port).clusterId("c").storeType(StoreType.MAPDB)
                .dataDir(dataDir).build());
    }

    private Connection connect(String clientId) throws JMSException {
        ProviderConfig d = ProviderConfig.defaults();
        ProviderConfig config = new ProviderConfig(List.of("nats://127.0.0.1:" + port), "c", clientId, null, null,
                d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), d.ackWait(), false, d.codec(),
                Duration.ofMillis(200), 2);
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
