package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.nio.file.Path;
import java.time.Duration;
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
    private RestartableServer server;

    @Test
    void aDurableSubscriberReconnectingAfterARestartGetsWhatWasPublishedMeanwhileAndAfter() throws Exception {
        server = new RestartableServer(dataDir).start();
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

        server.stop();
        // the reader's PINGs go unanswered: the provider gives its connection up
        await().atMost(WAIT).until(() -> !lost.isEmpty());
        server.start();

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

    private Connection connect(String clientId) throws JMSException {
        return server.connect(server.config(clientId, ProviderConfig.defaults().ackWait(), Duration.ofMillis(200), 2));
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close();
        }
    }
}
