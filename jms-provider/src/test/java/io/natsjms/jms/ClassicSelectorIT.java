package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static io.natsjms.jms.ClassicMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import jakarta.jms.TopicSubscriber;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Message selectors on topics and queues, and noLocal. */
class ClassicSelectorIT {

    private static void sendColored(Session session, jakarta.jms.Destination destination, String... colors)
            throws JMSException {
        MessageProducer producer = session.createProducer(destination);
        int i = 0;
        for (String color : colors) {
            TextMessage message = session.createTextMessage(color + (i++));
            message.setStringProperty("color", color);
            message.setIntProperty("weight", i * 10);
            producer.send(message);
        }
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aTopicSubscriberGetsOnlyTheSelectedMessages(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("paint");
        MessageConsumer red = session.createConsumer(topic, "color = 'red' AND weight > 10");
        MessageConsumer all = session.createConsumer(topic);
        assertThat(red.getMessageSelector()).isEqualTo("color = 'red' AND weight > 10");
        sendColored(session, topic, "red", "blue", "red", "green");

        assertThat(receiveTexts(red, 1)).containsExactly("red2");
        assertNothing(red);
        assertThat(receiveTexts(all, 4)).containsExactly("red0", "blue1", "red2", "green3");
    }

    @ClassicTest
    void unselectedQueueMessagesStayOnTheQueue(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("paint");
        sendColored(session, queue, "red", "blue", "red");
        MessageConsumer red = session.createConsumer(queue, "color = 'red'");
        assertThat(receiveTexts(red, 2)).containsExactly("red0", "red2");
        assertNothing(red);
        red.close();

        MessageConsumer any = session.createConsumer(queue);
        assertThat(receiveText(any)).isEqualTo("blue1");
        assertNothing(any);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void competingQueueConsumersWithDifferentSelectorsEachGetTheirMessages(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Queue queue = connection.createSession().createQueue("paint");
        List<String> reds = new CopyOnWriteArrayList<>();
        List<String> blues = new CopyOnWriteArrayList<>();
        connection.createSession().createConsumer(queue, "color = 'red'").setMessageListener(m -> reds.add(text(m)));
        connection.createSession().createConsumer(queue, "color = 'blue'").setMessageListener(m -> blues.add(text(m)));
        sendColored(connection.createSession(), queue, "red", "red", "red", "blue", "blue", "blue");

        await().atMost(Duration.ofSeconds(5)).until(() -> reds.size() == 3 && blues.size() == 3);
        assertThat(reds).containsExactly("red0", "red1", "red2");
        assertThat(blues).containsExactly("blue3", "blue4", "blue5");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void anInvalidSelectorIsRefused(ClassicServer server) throws Exception {
        Session session = server.connect("selective").createSession();
        Topic topic = session.createTopic("paint");
        Queue queue = session.createQueue("paint");
        String broken = "color = ";
        assertThatThrownBy(() -> session.createConsumer(topic, broken)).isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createConsumer(queue, broken)).isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createDurableConsumer(topic, "d", broken, false))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createSharedConsumer(topic, "s", broken))
                .isInstanceOf(InvalidSelectorException.class);
        assertThatThrownBy(() -> session.createSharedDurableConsumer(topic, "sd", broken))
                .isInstanceOf(InvalidSelectorException.class);
        // the refused consumers left nothing active behind
        session.createDurableConsumer(topic, "d").close();
        session.unsubscribe("d");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void noLocalSkipsTheMessagesOfItsOwnConnection(ClassicServer server) throws Exception {
        Connection local = server.connect();
        Session session = local.createSession();
        Topic topic = session.createTopic("chat");
        MessageConsumer others = session.createConsumer(topic, null, true);
        MessageConsumer everyone = session.createConsumer(topic);
        assertThat(((TopicSubscriber) others).getNoLocal()).isTrue();

        send(session, topic, "mine");
        send(server.connect().createSession(), topic, "theirs");

        assertThat(receiveText(others)).isEqualTo("theirs");
        assertNothing(others);
        assertThat(receiveTexts(everyone, 2)).containsExactlyInAnyOrder("mine", "theirs");
    }

    @ClassicTest
    void aNoLocalDurableSubscriptionSkipsTheMessagesOfItsOwnConnection(ClassicServer server) throws Exception {
        Session session = server.connect("chatter").createSession();
        Topic topic = session.createTopic("chat");
        MessageConsumer durable = session.createDurableConsumer(topic, "others", null, true);
        send(session, topic, "mine");
        send(server.connect().createSession(), topic, "theirs");

        assertThat(receiveText(durable)).isEqualTo("theirs");
        assertNothing(durable);
    }

    @ClassicTest
    void aNoLocalDurableSubscriptionSkipsMessagesOfEveryConnectionWithItsClientId(ClassicServer server)
            throws Exception {
        Connection first = server.connect("chatter");
        Session session = first.createSession();
        Topic topic = session.createTopic("chat");
        session.createDurableConsumer(topic, "others", null, true).close();
        send(session, topic, "mine-while-away");
        first.close();

        Session again = server.connect("chatter").createSession();
        MessageConsumer resumed = again.createDurableConsumer(topic, "others", null, true);
        send(again, topic, "mine-after-reconnect");
        send(server.connect().createSession(), topic, "theirs");
        assertThat(receiveText(resumed)).isEqualTo("theirs");
        assertNothing(resumed);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void selectorsSeeTheMessageHeaders(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        Topic topic = session.createTopic("headers");
        MessageConsumer urgent = session.createConsumer(topic, "JMSPriority > 5 AND JMSDeliveryMode = 'PERSISTENT'");
        MessageConsumer orders = session.createConsumer(topic, "JMSType = 'order' AND JMSCorrelationID LIKE 'c-%'");
        MessageProducer producer = session.createProducer(topic);
        TextMessage order = session.createTextMessage("order");
        order.setJMSType("order");
        order.setJMSCorrelationID("c-1");
        producer.send(order, DeliveryMode.PERSISTENT, 4, 0);
        producer.send(session.createTextMessage("urgent"), DeliveryMode.PERSISTENT, 8, 0);
        producer.send(session.createTextMessage("urgent but volatile"), DeliveryMode.NON_PERSISTENT, 9, 0);

        assertThat(receiveText(urgent)).isEqualTo("urgent");
        assertNothing(urgent);
        assertThat(receiveText(orders)).isEqualTo("order");
        assertNothing(orders);
    }
}
