package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receive;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageFormatException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/** Producer features: asynchronous send, delivery delay, time-to-live, priority and delivery mode. */
class ClassicProducerIT {

    @ClassicTest
    void asyncSendsCompleteAfterTheServerStoredThemInSendOrder(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("async");
        MessageProducer producer = session.createProducer(queue);
        int count = 50;
        List<String> completed = new CopyOnWriteArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        for (int i = 0; i < count; i++) {
            TextMessage message = session.createTextMessage("m" + i);
            int index = i;
            producer.send(message, new CompletionListener() {
                @Override
                public void onCompletion(Message sent) {
                    long stored = server.storedMessages("async");
                    if (sent != message || stored < index + 1) {
                        failures.add("m" + index + ": message " + (sent == message ? "same" : "other")
                                + ", " + stored + " stored");
                    }
                    completed.add(text(sent));
                }

                @Override
                public void onException(Message sent, Exception exception) {
                    failures.add("m" + index + ": " + exception);
                }
            });
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> completed.size() + failures.size() >= count);
        assertThat(failures).isEmpty();
        assertThat(completed).containsExactlyElementsOf(IntStream.range(0, count).mapToObj(i -> "m" + i).toList());
        assertThat(receiveTexts(session.createConsumer(queue), count)).isEqualTo(completed);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aDelayedMessageIsNotReceivedBeforeItsDeliveryTime(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("delayed");
        MessageConsumer consumer = session.createConsumer(queue);
        MessageProducer producer = session.createProducer(queue);
        producer.setDeliveryDelay(1500);
        long before = System.currentTimeMillis();
        producer.send(session.createTextMessage("later"));

        assertNothing(consumer);
        Message received = receive(consumer);
        long after = System.currentTimeMillis();
        assertThat(text(received)).isEqualTo("later");
        assertThat(after - before).isGreaterThanOrEqualTo(1500);
        assertThat(received.getJMSDeliveryTime()).isEqualTo(received.getJMSTimestamp() + 1500);
        assertThat(producer.getDeliveryDelay()).isEqualTo(1500);
    }

    @ClassicTest
    void anExpiredMessageIsNotDelivered(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("perishable");
        MessageProducer producer = session.createProducer(queue);
        TextMessage stale = session.createTextMessage("stale");
        producer.send(stale, DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 200);
        assertThat(stale.getJMSExpiration()).isGreaterThan(stale.getJMSTimestamp());
        producer.send(session.createTextMessage("fresh"), DeliveryMode.PERSISTENT, Message.DEFAULT_PRIORITY, 60_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> System.currentTimeMillis() > stale.getJMSExpiration());

        MessageConsumer consumer = session.createConsumer(queue);
        Message fresh = receive(consumer);
        assertThat(text(fresh)).isEqualTo("fresh");
        assertThat(fresh.getJMSExpiration()).isGreaterThan(System.currentTimeMillis());
        assertNothing(consumer);
        consumer.close();
        assertNothing(session.createConsumer(queue));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void priorityAndDeliveryModeAreKept(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("prio");
        MessageProducer producer = session.createProducer(queue);
        producer.setPriority(2);
        producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        producer.send(session.createTextMessage("low"));
        producer.send(session.createTextMessage("high"), DeliveryMode.PERSISTENT, 9, 0);

        MessageConsumer consumer = session.createConsumer(queue);
        List<String> headers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Message message = receive(consumer);
            headers.add(text(message) + ":" + message.getJMSPriority() + ":" + message.getJMSDeliveryMode());
        }
        assertThat(headers).containsExactlyInAnyOrder("low:2:" + DeliveryMode.NON_PERSISTENT,
                "high:9:" + DeliveryMode.PERSISTENT);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void anUnidentifiedProducerSendsToTheDestinationOfEachCall(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue left = session.createQueue("left");
        Queue right = session.createQueue("right");
        MessageProducer producer = session.createProducer(null);
        producer.send(left, session.createTextMessage("to-left"));
        producer.send(right, session.createTextMessage("to-right"));
        Message received = receive(session.createConsumer(right));
        assertThat(text(received)).isEqualTo("to-right");
        assertThat(received.getJMSDestination()).isEqualTo(right);
        assertThat(text(receive(session.createConsumer(left)))).isEqualTo("to-left");

        MessageProducer identified = session.createProducer(left);
        assertThatThrownBy(() -> identified.send(right, session.createTextMessage("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(session.createTextMessage("x")))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> producer.send(null, session.createTextMessage("x")))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> identified.send(null)).isInstanceOf(MessageFormatException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aMessageSentTwiceGetsANewIdEachTime(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("twice");
        MessageProducer producer = session.createProducer(queue);
        TextMessage message = session.createTextMessage("same object");
        producer.send(message);
        String firstId = message.getJMSMessageID();
        producer.send(message);
        assertThat(message.getJMSMessageID()).isNotEqualTo(firstId);

        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receive(consumer).getJMSMessageID()).isEqualTo(firstId);
        assertThat(receive(consumer).getJMSMessageID()).isEqualTo(message.getJMSMessageID());
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void closingTheSessionWaitsForTheCompletionListeners(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        List<String> completed = new CopyOnWriteArrayList<>();
        int count = 50;
        for (int i = 0; i < count; i++) {
            producer.send(session.createTextMessage("m" + i), new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                    completed.add(text(message));
                }

                @Override
                public void onException(Message message, Exception exception) {
                    completed.add("failed: " + exception);
                }
            });
        }
        session.close();
        assertThat(completed).hasSize(count).allMatch(text -> text.startsWith("m"));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aCompletionListenerMayNotCloseItsSessionOrConnection(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        assertThat(attemptsInCompletionListener(session, producer, session::close, connection::close))
                .containsOnly(REFUSED).hasSize(2);
    }

    /** The specification forbids only close, commit and rollback there (the JMSContext TCK checks stop is allowed). */
    @ClassicTest(stores = StoreType.MEMORY)
    void aCompletionListenerMayStopItsConnection(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        assertThat(attemptsInCompletionListener(session, producer, connection::stop)).containsExactly("ok");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aCompletionListenerMayNotCommitOrRollBackItsSession(ClassicServer server) throws Exception {
        Session session = server.connect().createSession(Session.SESSION_TRANSACTED);
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        assertThat(attemptsInCompletionListener(session, producer, session::commit, session::rollback))
                .containsOnly(REFUSED).hasSize(2);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aCompletionListenerMayNotCloseItsProducer(ClassicServer server) throws Exception {
        Session session = server.connect().createSession(Session.AUTO_ACKNOWLEDGE);
        MessageProducer producer = session.createProducer(session.createQueue("async"));
        assertThat(attemptsInCompletionListener(session, producer, producer::close)).containsExactly(REFUSED);
    }

    private static final String REFUSED = jakarta.jms.IllegalStateException.class.getName();

    /** Sends one message with a CompletionListener that tries {@code actions}; returns what each did. */
    private static List<String> attemptsInCompletionListener(Session session, MessageProducer producer,
                                                             JmsAction... actions) throws Exception {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        producer.send(session.createTextMessage("m"), new CompletionListener() {
            @Override
            public void onCompletion(Message message) {
                for (JmsAction action : actions) {
                    outcomes.add(attempt(action));
                }
            }

            @Override
            public void onException(Message message, Exception exception) {
                outcomes.add("send failed: " + exception);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> outcomes.size() >= actions.length);
        return outcomes;
    }

    private interface JmsAction {
        void run() throws Exception;
    }

    private static String attempt(JmsAction action) {
        try {
            action.run();
            return "ok";
        } catch (Exception e) {
            return e.getClass().getName();
        }
    }
}
