package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static io.natsjms.jms.ClassicMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

/** Shared subscriptions, non-durable and durable. */
class ClassicSharedIT {

    private static String[] texts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "m" + i).toArray(String[]::new);
    }

    @ClassicTest
    void consumersOfASharedSubscriptionSplitTheMessages(ClassicServer server) throws Exception {
        assertSplit(server, false);
    }

    @ClassicTest
    void consumersOfASharedDurableSubscriptionSplitTheMessages(ClassicServer server) throws Exception {
        assertSplit(server, true);
    }

    private static void assertSplit(ClassicServer server, boolean durable) throws JMSException {
        Connection connection = server.connect("sharer");
        Topic topic = connection.createSession().createTopic("events");
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        shared(connection.createSession(), topic, durable).setMessageListener(m -> first.add(text(m)));
        shared(connection.createSession(), topic, durable).setMessageListener(m -> second.add(text(m)));
        MessageConsumer outsider = connection.createSession().createConsumer(topic);
        int count = 40;
        send(server.connect().createSession(), topic, texts(count));

        assertThat(receiveTexts(outsider, count)).containsExactly(texts(count));
        await().atMost(Duration.ofSeconds(5)).until(() -> first.size() + second.size() >= count);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> first.size() + second.size() == count);
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(second);
        assertThat(all).containsExactlyInAnyOrder(texts(count));
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
    }

    private static MessageConsumer shared(Session session, Topic topic, boolean durable) throws JMSException {
        return durable ? session.createSharedDurableConsumer(topic, "workers")
                : session.createSharedConsumer(topic, "workers");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void connectionsWithoutClientIdShareBySubscriptionName(ClassicServer server) throws Exception {
        Connection one = server.connect();
        Connection two = server.connect();
        Topic topic = one.createSession().createTopic("events");
        List<String> all = new CopyOnWriteArrayList<>();
        one.createSession().createSharedConsumer(topic, "workers").setMessageListener(m -> all.add("one:" + text(m)));
        two.createSession().createSharedConsumer(topic, "workers").setMessageListener(m -> all.add("two:" + text(m)));
        int count = 20;
        send(server.connect().createSession(), topic, texts(count));

        await().atMost(Duration.ofSeconds(5)).until(() -> all.size() >= count);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> all.size() == count);
        assertThat(all.stream().map(s -> s.substring(4)).toList()).containsExactlyInAnyOrder(texts(count));
        assertThat(all).anyMatch(s -> s.startsWith("one:")).anyMatch(s -> s.startsWith("two:"));
    }

    @ClassicTest
    void aSharedDurableSubscriptionSurvivesAllItsConsumersClosing(ClassicServer server) throws Exception {
        Connection connection = server.connect("sharer");
        Session session = connection.createSession();
        Topic topic = session.createTopic("events");
        MessageConsumer a = session.createSharedDurableConsumer(topic, "workers");
        MessageConsumer b = connection.createSession().createSharedDurableConsumer(topic, "workers");
        a.close();
        b.close();
        send(session, topic, "while-closed-1", "while-closed-2");

        MessageConsumer resumed = session.createSharedDurableConsumer(topic, "workers");
        assertThat(receiveTexts(resumed, 2)).containsExactly("while-closed-1", "while-closed-2");
        assertThatThrownBy(() -> session.unsubscribe("workers")).isInstanceOf(IllegalStateException.class);
        resumed.close();
        session.unsubscribe("workers");
        send(session, topic, "after-unsubscribe");
        assertNothing(session.createSharedDurableConsumer(topic, "workers"));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aSharedDurableSubscriptionWithoutClientIdSurvivesToo(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("events");
        session.createSharedDurableConsumer(topic, "workers").close();
        send(session, topic, "while-closed");
        assertThat(receiveTexts(session.createSharedDurableConsumer(topic, "workers"), 1))
                .containsExactly("while-closed");
    }

    @ClassicTest
    void aSharedNonDurableSubscriptionEndsWithItsLastConsumer(ClassicServer server) throws Exception {
        Session session = server.connect("sharer").createSession();
        Topic topic = session.createTopic("events");
        session.createSharedConsumer(topic, "workers").close();
        send(session, topic, "nobody-listening");
        assertNothing(session.createSharedConsumer(topic, "workers"));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void anActiveSharedSubscriptionRefusesAnotherTopicOrSelector(ClassicServer server) throws Exception {
        Connection connection = server.connect("sharer");
        Session session = connection.createSession();
        Topic topic = session.createTopic("events");
        Topic other = session.createTopic("other");
        session.createSharedDurableConsumer(topic, "workers");
        session.createSharedConsumer(topic, "plain");
        assertThatThrownBy(() -> session.createSharedDurableConsumer(other, "workers"))
                .isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> session.createSharedDurableConsumer(topic, "workers", "x = 1"))
                .isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> session.createSharedConsumer(other, "plain")).isInstanceOf(JMSException.class);
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "workers")).isInstanceOf(JMSException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void sharedNonDurableAndDurableSubscriptionsOfTheSameNameAreSeparate(ClassicServer server) throws Exception {
        Session session = server.connect("sharer").createSession();
        Topic topic = session.createTopic("events");
        MessageConsumer plain = session.createSharedConsumer(topic, "same");
        MessageConsumer durable = session.createSharedDurableConsumer(topic, "same");
        send(session, topic, "to-both");
        assertThat(receiveTexts(plain, 1)).containsExactly("to-both");
        assertThat(receiveTexts(durable, 1)).containsExactly("to-both");
        durable.close();
        session.unsubscribe("same");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void anUnsharedDurableSubscriptionIsRefusedTheNameOfASharedOne(ClassicServer server) throws Exception {
        Session session = server.connect("sharer").createSession();
        Topic topic = session.createTopic("events");
        session.createSharedDurableConsumer(topic, "shared-name").close();
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "shared-name")).isInstanceOf(JMSException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aSharedDurableSubscriptionIsRefusedTheNameOfAnUnsharedOne(ClassicServer server) throws Exception {
        Session session = server.connect("sharer").createSession();
        Topic topic = session.createTopic("events");
        session.createDurableConsumer(topic, "unshared-name").close();
        assertThatThrownBy(() -> session.createSharedDurableConsumer(topic, "unshared-name"))
                .isInstanceOf(JMSException.class);
    }

    @ClassicTest
    void aSharedDurableSubscriptionWithoutClientIdCanBeUnsubscribed(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("events");
        session.createSharedDurableConsumer(topic, "workers").close();
        send(session, topic, "before-unsubscribe");

        session.unsubscribe("workers");

        assertNothing(session.createSharedDurableConsumer(topic, "workers"));
    }

    @ClassicTest
    void recreatingAnInactiveSharedDurableSubscriptionWithAnotherSelectorDropsTheOldOne(ClassicServer server)
            throws Exception {
        assertRecreatedWithAnotherSelector(server.connect("sharer").createSession());
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void recreatingAnInactiveSharedDurableSubscriptionWithoutClientIdWithAnotherSelectorDropsTheOldOne(
            ClassicServer server) throws Exception {
        assertRecreatedWithAnotherSelector(server.connect().createSession());
    }

    private static void assertRecreatedWithAnotherSelector(Session session) throws JMSException {
        Topic topic = session.createTopic("events");
        session.createSharedDurableConsumer(topic, "workers", "kind = 'a'").close();
        var producer = session.createProducer(topic);
        for (String kind : new String[] {"a", "b"}) {
            var message = session.createTextMessage("old-" + kind);
            message.setStringProperty("kind", kind);
            producer.send(message);
        }
        MessageConsumer recreated = session.createSharedDurableConsumer(topic, "workers", "kind = 'b'");
        assertNothing(recreated);
    }
}
