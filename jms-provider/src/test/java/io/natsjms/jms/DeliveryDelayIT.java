package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Delivery delay kept by the server (docs/protocol.md#schedule): with an ack wait of one second and
 * delays of one to two seconds, every message arrives exactly once and never before its delivery time,
 * on a queue and on a topic; a queue browser does not see a message before its time; a transacted
 * session schedules its delayed sends at commit. {@code -Dnatsjms.delay.seed=N} replays a run.
 */
class DeliveryDelayIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int COUNT = 30;

    @RegisterExtension
    final JmsTestServer server = new JmsTestServer();

    /** The provider's defaults with an ack wait of one second: a message held past it comes again. */
    private Connection connection() throws JMSException {
        ProviderConfig d = server.config();
        Connection connection = server.connection(new ProviderConfig(d.servers(), d.clusterId(), null, null, null,
                d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), Duration.ofSeconds(1), false, d.codec(),
                d.pingInterval(), d.pingMaxOut()));
        connection.start();
        return connection;
    }

    /** What a listener got: message ID → deliveries, and each arrival's lateness against JMSDeliveryTime. */
    private static final class Arrivals {
        final Map<String, AtomicInteger> byId = new ConcurrentHashMap<>();
        final List<Long> early = new CopyOnWriteArrayList<>();
        final List<String> bodies = new CopyOnWriteArrayList<>();

        void arrived(Message message) {
            try {
                long now = System.currentTimeMillis();
                if (now < message.getJMSDeliveryTime()) {
                    early.add(message.getJMSDeliveryTime() - now);
                }
                byId.computeIfAbsent(message.getJMSMessageID(), id -> new AtomicInteger()).incrementAndGet();
                bodies.add(((TextMessage) message).getText());
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        }

        int total() {
            return byId.values().stream().mapToInt(AtomicInteger::get).sum();
        }
    }

    private void exactlyOnceAndNotEarly(boolean queue) throws Exception {
        long seed = Long.getLong("natsjms.delay.seed", System.nanoTime());
        System.out.println("DeliveryDelayIT seed " + seed + " (-Dnatsjms.delay.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        Session consumerSession = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Destination destination = queue
                ? consumerSession.createQueue("delayed")
                : consumerSession.createTopic("delayed");
        Arrivals arrivals = new Arrivals();
        MessageConsumer consumer = consumerSession.createConsumer(destination);
        consumer.setMessageListener(arrivals::arrived);
        Session producerSession = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = producerSession.createProducer(destination);

        for (int i = 0; i < COUNT; i++) {
            producer.setDeliveryDelay(1000 + random.nextInt(1001));
            producer.send(producerSession.createTextMessage("m" + i));
        }

        await().atMost(WAIT).until(() -> arrivals.total() >= COUNT);
        // three ack waits more: a message held past its ack wait would come again by then
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> arrivals.total() == COUNT);
        assertThat(arrivals.byId).hasSize(COUNT);
        assertThat(arrivals.byId.values()).allSatisfy(n -> assertThat(n.get()).as("deliveries").isEqualTo(1));
        assertThat(arrivals.early).as("ms before JMSDeliveryTime").isEmpty();
        assertThat(arrivals.bodies).containsExactlyInAnyOrderElementsOf(
                java.util.stream.IntStream.range(0, COUNT).mapToObj(i -> "m" + i).toList());
    }

    @Test
    void onAQueueEveryDelayedMessageArrivesOnceAndNotBeforeItsTime() throws Exception {
        exactlyOnceAndNotEarly(true);
    }

    @Test
    void onATopicEveryDelayedMessageArrivesOnceAndNotBeforeItsTime() throws Exception {
        exactlyOnceAndNotEarly(false);
    }

    @Test
    void aQueueBrowserDoesNotSeeAMessageBeforeItsTime() throws Exception {
        Session session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("browsed");
        MessageProducer producer = session.createProducer(queue);
        for (int i = 0; i < 3; i++) {
            producer.send(session.createTextMessage("now" + i));
        }
        producer.setDeliveryDelay(1500);
        TextMessage later = session.createTextMessage("later");
        producer.send(later);

        assertThat(browse(session, queue)).containsExactly("now0", "now1", "now2");
        await().atMost(WAIT).until(() -> System.currentTimeMillis() >= later.getJMSDeliveryTime());
        await().atMost(WAIT).until(() -> browse(session, queue).size() == 4);
        assertThat(browse(session, queue)).containsExactly("now0", "now1", "now2", "later");
    }

    private static List<String> browse(Session session, Queue queue) throws JMSException {
        List<String> texts = new java.util.ArrayList<>();
        try (QueueBrowser browser = session.createBrowser(queue)) {
            for (Object m : Collections.list(browser.getEnumeration())) {
                texts.add(((TextMessage) m).getText());
            }
        }
        return texts;
    }

    @Test
    void aTransactedSessionSchedulesItsDelayedSendsAtCommitAndNotOnRollback() throws Exception {
        Session receiving = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = receiving.createQueue("tx-delayed");
        MessageConsumer consumer = receiving.createConsumer(queue);
        Session tx = connection().createSession(true, Session.SESSION_TRANSACTED);
        MessageProducer producer = tx.createProducer(queue);
        producer.setDeliveryDelay(1000);

        producer.send(tx.createTextMessage("rolled back"));
        tx.rollback();
        TextMessage committed = tx.createTextMessage("committed");
        producer.send(committed);
        tx.commit();

        TextMessage received = (TextMessage) consumer.receive(WAIT.toMillis());
        assertThat(received).isNotNull();
        assertThat(received.getText()).isEqualTo("committed");
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(committed.getJMSDeliveryTime());
        assertThat(received.getJMSRedelivered()).isFalse();
        assertThat(consumer.receive(1500)).isNull();
    }

    @Test
    void aDelayedMessageToATemporaryQueueArrivesAfterItsDelay() throws Exception {
        Session session = connection().createSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue temporary = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(temporary);
        MessageProducer producer = session.createProducer(temporary);
        producer.setDeliveryDelay(800);
        TextMessage sent = session.createTextMessage("temp");

        producer.send(sent);

        TextMessage received = (TextMessage) consumer.receive(WAIT.toMillis());
        assertThat(received.getText()).isEqualTo("temp");
        assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(sent.getJMSDeliveryTime());
    }
}
