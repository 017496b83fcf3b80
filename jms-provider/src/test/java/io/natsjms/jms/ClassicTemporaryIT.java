package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static io.natsjms.jms.ClassicMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueRequestor;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicRequestor;
import jakarta.jms.TopicSession;
import java.util.Locale;

/** Temporary queues and topics, and the requestors built on them. */
class ClassicTemporaryIT {

    @ClassicTest(stores = StoreType.MEMORY)
    void onlyTheCreatingConnectionConsumesATemporaryQueue(ClassicServer server) throws Exception {
        Session owner = server.connect().createSession();
        TemporaryQueue queue = owner.createTemporaryQueue();
        Session stranger = server.connect().createSession();
        assertThatThrownBy(() -> stranger.createConsumer(queue)).isInstanceOf(JMSException.class);

        send(stranger, queue, "from-stranger");
        assertThat(receiveTexts(owner.createConsumer(queue), 1)).containsExactly("from-stranger");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void onlyTheCreatingConnectionConsumesATemporaryTopic(ClassicServer server) throws Exception {
        Session owner = server.connect().createSession();
        TemporaryTopic topic = owner.createTemporaryTopic();
        Session stranger = server.connect().createSession();
        assertThatThrownBy(() -> stranger.createConsumer(topic)).isInstanceOf(JMSException.class);

        MessageConsumer first = owner.createConsumer(topic);
        MessageConsumer second = owner.createConsumer(topic);
        send(stranger, topic, "broadcast");
        assertThat(receiveTexts(first, 1)).containsExactly("broadcast");
        assertThat(receiveTexts(second, 1)).containsExactly("broadcast");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aTemporaryQueueWithAConsumerCannotBeDeleted(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        MessageConsumer consumer = session.createConsumer(queue);
        assertThatThrownBy(queue::delete).isInstanceOf(IllegalStateException.class);
        consumer.close();
        queue.delete();
        assertThatThrownBy(() -> session.createConsumer(queue)).isInstanceOf(JMSException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aTemporaryTopicWithAConsumerCannotBeDeleted(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        TemporaryTopic topic = session.createTemporaryTopic();
        MessageConsumer consumer = session.createConsumer(topic);
        assertThatThrownBy(topic::delete).isInstanceOf(IllegalStateException.class);
        consumer.close();
        topic.delete();
        assertThatThrownBy(() -> session.createConsumer(topic)).isInstanceOf(JMSException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aTemporaryQueueKeepsMessagesUntilAConsumerTakesThem(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        TemporaryQueue queue = session.createTemporaryQueue();
        send(server.connect().createSession(), queue, "t1", "t2");
        MessageConsumer consumer = session.createConsumer(queue);
        assertThat(receiveTexts(consumer, 2)).containsExactly("t1", "t2");
        assertNothing(consumer);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aQueueRequestorGetsTheReplyThroughATemporaryQueue(ClassicServer server) throws Exception {
        Queue service = (Queue) serveUpperCase(server, "upper", false);
        QueueConnection client = server.connect();
        QueueSession session = client.createQueueSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueRequestor requestor = new QueueRequestor(session, service);

        Message reply = requestor.request(session.createTextMessage("hello"));
        assertThat(text(reply)).isEqualTo("HELLO");
        assertThat(text(requestor.request(session.createTextMessage("again")))).isEqualTo("AGAIN");
        requestor.close();
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aTopicRequestorGetsTheReplyThroughATemporaryTopic(ClassicServer server) throws Exception {
        Topic service = (Topic) serveUpperCase(server, "upper", true);
        TopicConnection client = server.connect();
        TopicSession session = client.createTopicSession(false, Session.AUTO_ACKNOWLEDGE);
        TopicRequestor requestor = new TopicRequestor(session, service);

        Message reply = requestor.request(session.createTextMessage("hello"));
        assertThat(text(reply)).isEqualTo("HELLO");
        requestor.close();
    }

    /** A responder in its own connection that answers each request to JMSReplyTo with its text upper-cased. */
    private static Destination serveUpperCase(ClassicServer server, String name, boolean topic) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        MessageProducer replies = session.createProducer(null);
        Destination destination = topic ? session.createTopic(name) : session.createQueue(name);
        session.createConsumer(destination).setMessageListener(request -> {
            try {
                Message reply = session.createTextMessage(text(request).toUpperCase(Locale.ROOT));
                reply.setJMSCorrelationID(request.getJMSMessageID());
                replies.send(request.getJMSReplyTo(), reply);
            } catch (JMSException e) {
                throw new IllegalArgumentException("reply failed", e);
            }
        });
        return destination;
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void unacknowledgedTemporaryQueueMessagesGoToTheNextConsumerAfterTheSessionCloses(ClassicServer server)
            throws Exception {
        Connection connection = server.connect();
        Session first = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        TemporaryQueue queue = first.createTemporaryQueue();
        send(server.connect().createSession(), queue, "t1");
        assertThat(receiveTexts(first.createConsumer(queue), 1)).containsExactly("t1");
        first.close();

        Session second = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        MessageConsumer next = second.createConsumer(queue);
        assertThat(receiveTexts(next, 1)).containsExactly("t1");
    }
}
