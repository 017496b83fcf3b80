package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static io.natsjms.jms.ClassicMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/** Point-to-point: competing consumers, messages waiting for a consumer. */
class ClassicQueueIT {

    private static String[] texts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).toArray(String[]::new);
    }

    @ClassicTest
    void competingConsumersGetEachMessageExactlyOnce(ClassicServer server) throws Exception {
        Connection one = server.connect();
        Connection two = server.connect();
        Queue queue = one.createSession().createQueue("jobs");
        List<String> byOne = new CopyOnWriteArrayList<>();
        List<String> byTwo = new CopyOnWriteArrayList<>();
        one.createSession().createConsumer(queue).setMessageListener(m -> byOne.add(text(m)));
        two.createSession().createConsumer(queue).setMessageListener(m -> byTwo.add(text(m)));
        int count = 40;
        send(server.connect().createSession(), queue, texts(count));

        await().atMost(Duration.ofSeconds(5)).until(() -> byOne.size() + byTwo.size() >= count);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> byOne.size() + byTwo.size() == count);
        List<String> all = new ArrayList<>(byOne);
        all.addAll(byTwo);
        assertThat(all).containsExactlyInAnyOrder(texts(count));
        assertThat(byOne).isNotEmpty();
        assertThat(byTwo).isNotEmpty();
    }

    @ClassicTest
    void messagesSentBeforeAnyConsumerWaitForTheFirstOne(ClassicServer server) throws Exception {
        Session producerSession = server.connect().createSession();
        Queue queue = producerSession.createQueue("jobs");
        send(producerSession, queue, "early-1", "early-2");
        server.connect().close();

        MessageConsumer late = server.connect().createSession().createConsumer(queue);
        assertThat(receiveTexts(late, 2)).containsExactly("early-1", "early-2");
        assertNothing(late);
    }

    @ClassicTest
    void messagesWaitWhileTheQueueHasNoConsumer(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("jobs");
        MessageConsumer consumer = session.createConsumer(queue);
        send(session, queue, "first");
        assertThat(receiveTexts(consumer, 1)).containsExactly("first");
        consumer.close();
        send(session, queue, "second", "third");

        MessageConsumer next = server.connect().createSession().createConsumer(queue);
        assertThat(receiveTexts(next, 2)).containsExactly("second", "third");
        assertNothing(next);
    }

    @ClassicTest(stores = StoreType.MAPDB)
    void queuedMessagesSurviveAServerRestart(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Queue queue = session.createQueue("jobs");
        MessageConsumer consumer = session.createConsumer(queue);
        send(session, queue, "consumed", "waiting-1", "waiting-2");
        assertThat(receiveTexts(consumer, 1)).containsExactly("consumed");
        consumer.close();

        server.restart();

        MessageConsumer after = server.connect().createSession().createConsumer(queue);
        assertThat(receiveTexts(after, 2)).containsExactly("waiting-1", "waiting-2");
        assertNothing(after);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void theQueueSessionApiSendsAndReceives(ClassicServer server) throws Exception {
        QueueConnection connection = server.connect();
        QueueSession session = connection.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("jobs");
        QueueReceiver receiver = session.createReceiver(queue);
        session.createSender(queue).send(session.createTextMessage("via-sender"));
        assertThat(receiver.getQueue()).isEqualTo(queue);
        assertThat(receiveTexts(receiver, 1)).containsExactly("via-sender");
    }

    @ClassicTest
    void messagesBufferedForAClosedConsumerGoToTheRemainingOne(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("jobs");
        MessageConsumer idle = session.createConsumer(queue);
        List<String> taken = new CopyOnWriteArrayList<>();
        connection.createSession().createConsumer(queue).setMessageListener(m -> taken.add(text(m)));
        int count = 20;
        send(server.connect().createSession(), queue, texts(count));
        await().atMost(Duration.ofSeconds(5)).until(() -> taken.size() + unacknowledged(server, "jobs") == count);
        assertThat(taken).as("the idle consumer holds some of the messages").hasSizeLessThan(count);

        idle.close();

        await().atMost(Duration.ofSeconds(5)).until(() -> taken.size() >= count);
        assertThat(taken).containsExactlyInAnyOrder(texts(count));
    }

    private static int unacknowledged(ClassicServer server, String channel) {
        return server.channel(channel).map(view -> view.subscriptions().stream()
                .mapToInt(ServerSnapshot.SubscriptionView::pendingCount).sum()).orElse(0);
    }
}
