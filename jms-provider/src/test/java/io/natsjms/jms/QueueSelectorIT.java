package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.message.MessageSelector;
import io.natsjms.jms.message.NatsMessage;
import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Queue consumers with selectors: the server gives each message only to a consumer whose selector
 * selects it, so a message one consumer does not select is at once available to the others, never
 * comes back to that consumer, and waits, visible to browsers, until a consumer that selects it comes.
 */
class QueueSelectorIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final List<String> SELECTORS = List.of("color = 'red'", "color = 'blue'",
            "color IN ('red', 'green')", "weight > 50", "color = 'blue' AND weight <= 50", "");
    private static final List<String> COLORS = List.of("red", "blue", "green", "yellow");

    private static void send(Session session, Queue queue, String text, String color, int weight) throws JMSException {
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage(text);
        message.setStringProperty("color", color);
        message.setIntProperty("weight", weight);
        producer.send(message);
        producer.close();
    }

    /** One consumer of the model: its selector and everything its listener got. */
    private record Member(String selector, MessageConsumer consumer, Session session, List<Message> got) {
    }

    /**
     * Consumers with different selectors join and leave at random while messages are sent; each
     * message must reach exactly one consumer, one whose selector selects it, and none may stay behind
     * once a consumer of everything comes. Replay a run with {@code -Dnatsjms.test.seed=<seed>}.
     */
    @ClassicTest(stores = StoreType.MEMORY)
    void randomConsumersWithSelectorsGetEachMessageExactlyOnceAndOnlyIfTheySelectIt(ClassicServer server)
            throws Exception {
        long seed = Long.getLong("natsjms.test.seed", System.nanoTime());
        System.out.println("QueueSelectorIT seed: " + seed + " (replay with -Dnatsjms.test.seed=" + seed + ")");
        Random random = new Random(seed);
        Connection connection = server.connect();
        Session sender = connection.createSession();
        Queue queue = sender.createQueue("model");
        Map<String, NatsMessage> sent = new ConcurrentHashMap<>();
        List<Member> members = new ArrayList<>();
        List<Member> left = new ArrayList<>();

        for (int step = 0; step < 300; step++) {
            int op = random.nextInt(10);
            if (op < 2 || members.isEmpty()) {
                members.add(join(connection, queue, SELECTORS.get(random.nextInt(SELECTORS.size()))));
            } else if (op < 3) {
                Member leaving = members.remove(random.nextInt(members.size()));
                leaving.consumer().close();
                leaving.session().close();
                left.add(leaving);
            } else {
                String text = "m" + step;
                String color = COLORS.get(random.nextInt(COLORS.size()));
                int weight = random.nextInt(100);
                send(sender, queue, text, color, weight);
                NatsMessage model = new NatsMessage();
                model.setStringProperty("color", color);
                model.setIntProperty("weight", weight);
                sent.put(text, model);
            }
        }
        Member everything = join(connection, queue, "");
        members.add(everything);
        List<Member> all = new ArrayList<>(members);
        all.addAll(left);

        await("every message received, seed " + seed).atMost(WAIT)
                .until(() -> all.stream().mapToInt(m -> m.got().size()).sum() >= sent.size());
        List<String> received = new ArrayList<>();
        for (Member member : all) {
            MessageSelector selector = MessageSelector.compile(member.selector());
            for (Message message : member.got()) {
                String text = ((TextMessage) message).getText();
                received.add(text);
                assertThat(selector.matches(sent.get(text)))
                        .as("seed %d: %s received by a consumer with selector \"%s\"", seed, text, member.selector())
                        .isTrue();
            }
        }
        assertThat(received).as("seed %d", seed).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(sent.keySet());
        await("nothing left on the queue, seed " + seed).atMost(WAIT)
                .untilAsserted(() -> assertThat(browse(sender, queue)).isEmpty());
    }

    private static Member join(Connection connection, Queue queue, String selector) throws JMSException {
        Session session = connection.createSession();
        MessageConsumer consumer = session.createConsumer(queue, selector);
        List<Message> got = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(got::add);
        return new Member(selector, consumer, session, got);
    }

    @ClassicTest
    void aConsumerArrivingLaterGetsTheMessageNoConsumerSelected(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("late");
        MessageConsumer red = session.createConsumer(queue, "color = 'red'");
        send(session, queue, "green0", "green", 1);
        send(session, queue, "red1", "red", 1);
        assertThat(receiveTexts(red, 1)).containsExactly("red1");
        assertNothing(red);

        MessageConsumer green = server.connect().createSession().createConsumer(queue, "color = 'green'");
        assertThat(receiveTexts(green, 1)).containsExactly("green0");
        assertNothing(red);
    }

    @ClassicTest
    void aBrowserShowsTheMessagesNoConsumerSelected(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("browsed");
        MessageConsumer red = session.createConsumer(queue, "color = 'red'");
        send(session, queue, "green0", "green", 1);
        send(session, queue, "red1", "red", 1);
        send(session, queue, "blue2", "blue", 1);
        assertThat(receiveTexts(red, 1)).containsExactly("red1");

        await().atMost(WAIT).untilAsserted(() -> assertThat(browse(session, queue)).containsExactly("green0", "blue2"));
        assertThat(browse(session, queue, "color = 'blue'")).containsExactly("blue2");
    }

    private static List<String> browse(Session session, Queue queue) throws JMSException {
        return browse(session, queue, null);
    }

    private static List<String> browse(Session session, Queue queue, String selector) throws JMSException {
        QueueBrowser browser = session.createBrowser(queue, selector);
        List<String> texts = new ArrayList<>();
        for (Object message : Collections.list(browser.getEnumeration())) {
            texts.add(((TextMessage) message).getText());
        }
        browser.close();
        return texts;
    }
}
