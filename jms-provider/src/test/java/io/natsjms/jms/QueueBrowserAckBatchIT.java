package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Nats;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Subjects;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A queue browser reading a large queue acks what its reader subscription received in batches (the natsjms
 * ack batch extension), or with plain acks on a server without it: either way every message is browsed once, in
 * order, and the reader's subscription is gone afterwards.
 */
class QueueBrowserAckBatchIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    /** As many as one enumeration holds. */
    private static final int COUNT = NatsQueueBrowser.MAX_MESSAGES;

    @RegisterExtension
    final JmsTestServer current = new JmsTestServer();
    /** An older server: it listens under another discover prefix, see {@link #older()}. */
    @RegisterExtension
    final JmsTestServer old = new JmsTestServer(config -> config.discoverPrefix(OlderServer.PREFIX));

    /** {@link #old} as a server without the natsjms extensions ({@link OlderServer}). */
    private JmsTestServer older() throws Exception {
        return OlderServer.behindRelay(old);
    }

    /**
     * Fills queue "work" (whose queue group exists, nothing delivered), browses it and returns the texts, once the
     * channel's subscriptions are those from before the browse.
     */
    private static List<String> fillAndBrowse(JmsTestServer server) throws Exception {
        Connection connection = server.connection();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        session.createConsumer(queue).close();
        MessageProducer producer = session.createProducer(queue);
        for (int i = 1; i <= COUNT; i++) {
            producer.send(session.createTextMessage("m" + i));
        }
        List<ServerSnapshot.SubscriptionView> before = subscriptions(server);
        QueueBrowser browser = session.createBrowser(queue);
        List<String> texts = new ArrayList<>();
        for (Object message : Collections.list(browser.getEnumeration())) {
            texts.add(((TextMessage) message).getText());
        }
        browser.close();
        await().atMost(WAIT).untilAsserted(() -> assertThat(subscriptions(server))
                .as("the subscriptions of the channel: the reader's is gone").isEqualTo(before));
        return texts;
    }

    private static List<ServerSnapshot.SubscriptionView> subscriptions(JmsTestServer server) {
        return server.server().snapshot().channels().stream().filter(c -> c.name().equals("work"))
                .flatMap(c -> c.subscriptions().stream()).toList();
    }

    private static List<String> numbered() {
        return IntStream.rangeClosed(1, COUNT).mapToObj(i -> "m" + i).toList();
    }

    @Test
    void aLargeQueueIsBrowsedOnceWithTheReadersAcksInBatches() throws Exception {
        AtomicInteger batches = new AtomicInteger();
        io.nats.client.Connection spy = current.track(Nats.connect(current.url()));
        spy.createDispatcher(msg -> batches.incrementAndGet())
                .subscribe(Extensions.acksSubject(Subjects.forCluster(JmsTestServer.CLUSTER)));
        spy.flush(Duration.ofSeconds(5));

        assertThat(fillAndBrowse(current)).containsExactlyElementsOf(numbered());

        // 10,000 acks in batches of up to 64 (a quarter of the reader's max in flight) or of what came in 10 ms
        assertThat(batches.get()).as("ack batch requests").isBetween(1, COUNT / 10);
    }

    @Test
    void aLargeQueueIsBrowsedOnceWithPlainAcksWithoutTheExtension() throws Exception {
        assertThat(fillAndBrowse(older())).containsExactlyElementsOf(numbered());
    }
}
