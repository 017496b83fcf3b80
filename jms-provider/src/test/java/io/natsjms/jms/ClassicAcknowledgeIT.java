package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.delivery;
import static io.natsjms.jms.ClassicMessages.receive;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Acknowledge modes AUTO, DUPS_OK and CLIENT, and Session.recover(). */
class ClassicAcknowledgeIT {

    @ClassicTest
    void autoAcknowledgeSettlesEachReceivedMessage(ClassicServer server) throws Exception {
        assertSettledOnReceive(server, Session.AUTO_ACKNOWLEDGE);
    }

    @ClassicTest
    void dupsOkAcknowledgeSettlesEachReceivedMessage(ClassicServer server) throws Exception {
        assertSettledOnReceive(server, Session.DUPS_OK_ACKNOWLEDGE);
    }

    private static void assertSettledOnReceive(ClassicServer server, int mode) throws JMSException {
        Connection connection = server.connect();
        Session session = connection.createSession(mode);
        Queue queue = session.createQueue("work");
        send(session, queue, "a", "b");
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receiveTexts(consumer, 2)).containsExactly("a", "b");
        session.close();

        Session next = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertNothing(next.createConsumer(next.createQueue("work")));
    }

    @ClassicTest
    void clientAcknowledgeSettlesEverythingTheSessionConsumed(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue left = session.createQueue("left");
        Queue right = session.createQueue("right");
        send(session, left, "l1", "l2");
        send(session, right, "r1");
        MessageConsumer fromLeft = session.createConsumer(left);
        MessageConsumer fromRight = session.createConsumer(right);
        Message first = receive(fromLeft);
        assertThat(receiveText(fromLeft)).isEqualTo("l2");
        assertThat(receiveText(fromRight)).isEqualTo("r1");

        first.acknowledge();
        session.close();

        Session next = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertNothing(next.createConsumer(left));
        assertNothing(next.createConsumer(right));
    }

    @ClassicTest
    void clientAcknowledgeUnacknowledgedQueueMessagesComeBackAfterTheSessionCloses(ClassicServer server)
            throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        send(session, queue, "acked", "unacked");
        MessageConsumer consumer = session.createConsumer(queue);
        receive(consumer).acknowledge();
        Message unacked = receive(consumer);
        assertThat(delivery(unacked)).isEqualTo("unacked:false:1");
        session.close();

        Session next = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer again = next.createConsumer(queue);
        Message redelivered = receive(again);
        assertThat(delivery(redelivered)).isEqualTo("unacked:true:2");
        redelivered.acknowledge();
        assertNothing(again);
    }

    @ClassicTest
    void clientAcknowledgeUnacknowledgedDurableMessagesComeBackWhenTheSubscriptionResumes(ClassicServer server)
            throws Exception {
        Connection connection = server.connect("reader");
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Topic topic = session.createTopic("news");
        MessageConsumer durable = session.createDurableConsumer(topic, "news-reader");
        send(session, topic, "n1");
        assertThat(delivery(receive(durable))).isEqualTo("n1:false:1");
        session.close();

        Session next = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer resumed = next.createDurableConsumer(topic, "news-reader");
        Message redelivered = receive(resumed);
        assertThat(delivery(redelivered)).isEqualTo("n1:true:2");
        redelivered.acknowledge();
        assertNothing(resumed);
    }

    @ClassicTest
    void recoverRedeliversTheConsumedMessagesToASyncConsumer(ClassicServer server) throws Exception {
        Session session = server.connect().createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        send(session, queue, "m1", "m2", "m3");
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receiveTexts(consumer, 2)).containsExactly("m1", "m2");

        session.recover();

        assertThat(delivery(receive(consumer))).isEqualTo("m1:true:2");
        assertThat(delivery(receive(consumer))).isEqualTo("m2:true:2");
        Message third = receive(consumer);
        assertThat(delivery(third)).isEqualTo("m3:false:1");
        third.acknowledge();
        session.close();
        assertNothing(server.connect().createSession().createConsumer(queue));
    }

    @ClassicTest
    void recoverInAClientAcknowledgeListenerRedeliversFromTheOldestUnacknowledged(ClassicServer server)
            throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        send(session, queue, "m1", "m2");
        List<String> seen = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            seen.add(delivery(message));
            try {
                if (ClassicMessages.text(message).equals("m2")) {
                    if (message.getJMSRedelivered()) {
                        message.acknowledge();
                    } else {
                        session.recover();
                    }
                }
            } catch (JMSException e) {
                seen.add("failed: " + e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 4);
        assertThat(seen).containsExactly("m1:false:1", "m2:false:1", "m1:true:2", "m2:true:2");
        session.close();
        assertNothing(connection.createSession().createConsumer(queue));
    }

    @ClassicTest
    void recoverInAnAutoAcknowledgeListenerRedeliversTheCurrentMessage(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        send(session, queue, "m1", "m2");
        List<String> seen = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            seen.add(delivery(message));
            try {
                if (ClassicMessages.text(message).equals("m1") && !message.getJMSRedelivered()) {
                    session.recover();
                }
            } catch (JMSException e) {
                seen.add("failed: " + e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 3);
        assertThat(seen).containsExactly("m1:false:1", "m1:true:2", "m2:false:1");
        session.close();
        assertNothing(connection.createSession().createConsumer(queue));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void clientAcknowledgeSettlesOnlyTheMessagesOfItsOwnSession(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session acking = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Session idle = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue left = acking.createQueue("left");
        Queue right = acking.createQueue("right");
        send(acking, left, "l");
        send(acking, right, "r");
        Message fromLeft = receive(acking.createConsumer(left));
        receive(idle.createConsumer(right));
        fromLeft.acknowledge();
        acking.close();
        idle.close();

        Session next = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertNothing(next.createConsumer(left));
        assertThat(delivery(receive(next.createConsumer(right)))).isEqualTo("r:true:2");
    }

    @ClassicTest
    void clientAcknowledgeStillSettlesTheMessagesOfAClosedConsumer(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        send(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);
        Message received = receive(consumer);
        consumer.close();
        received.acknowledge();
        session.close();

        assertNothing(connection.createSession().createConsumer(queue));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void messagesWaitingInTheConsumerAreNotDuplicatedByTheServersRedelivery(ClassicServer server) throws Exception {
        Connection connection = server.connect(server.config(null, Duration.ofSeconds(1)));
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("slow");
        send(session, queue, "m1", "m2", "m3");
        MessageConsumer consumer = session.createConsumer(queue);
        // the unreceived messages outlive the ack wait: the server sends them again
        await().atMost(Duration.ofSeconds(5)).until(() -> server.snapshot().outMsgs() >= 6);

        assertThat(receiveTexts(consumer, 3)).containsExactly("m1", "m2", "m3");
        assertNothing(consumer);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aMessageConsumedButNotYetAcknowledgedIsNotDeliveredTwiceByTheServersRedelivery(ClassicServer server)
            throws Exception {
        Connection connection = server.connect(server.config(null, Duration.ofSeconds(1)));
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("slow");
        send(session, queue, "m1");
        MessageConsumer consumer = session.createConsumer(queue);
        Message held = receive(consumer);
        await().atMost(Duration.ofSeconds(5)).until(() -> server.snapshot().outMsgs() >= 2);

        held.acknowledge();

        assertNothing(consumer);
    }
}
