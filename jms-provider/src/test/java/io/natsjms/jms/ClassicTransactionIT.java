package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.delivery;
import static io.natsjms.jms.ClassicMessages.receive;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Local transactions: sends held until commit, consumed messages settled by commit or handed out again. */
class ClassicTransactionIT {

    @ClassicTest
    void sendsAreInvisibleUntilCommit(ClassicServer server) throws Exception {
        Session tx = server.connect().createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("orders");
        MessageConsumer consumer = server.connect().createSession().createConsumer(queue);
        MessageProducer producer = tx.createProducer(queue);
        producer.send(tx.createTextMessage("o1"));
        producer.send(tx.createTextMessage("o2"));

        assertNothing(consumer);
        assertThat(server.storedMessages("orders")).isZero();

        tx.commit();
        assertThat(receiveTexts(consumer, 2)).containsExactly("o1", "o2");
    }

    @ClassicTest
    void rollbackDiscardsTheSends(ClassicServer server) throws Exception {
        Session tx = server.connect().createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("orders");
        MessageConsumer consumer = server.connect().createSession().createConsumer(queue);
        tx.createProducer(queue).send(tx.createTextMessage("dropped"));
        tx.rollback();
        tx.createProducer(queue).send(tx.createTextMessage("kept"));
        tx.commit();

        assertThat(receiveTexts(consumer, 1)).containsExactly("kept");
        assertNothing(consumer);
        assertThat(server.storedMessages("orders")).isEqualTo(1);
    }

    @ClassicTest
    void rollbackRedeliversTheConsumedMessagesMarkedRedelivered(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("orders");
        send(connection.createSession(), queue, "o1", "o2");
        MessageConsumer consumer = tx.createConsumer(queue);
        assertThat(delivery(receive(consumer))).isEqualTo("o1:false:1");
        assertThat(delivery(receive(consumer))).isEqualTo("o2:false:1");

        tx.rollback();

        assertThat(delivery(receive(consumer))).isEqualTo("o1:true:2");
        assertThat(delivery(receive(consumer))).isEqualTo("o2:true:2");
        tx.commit();
        tx.close();
        assertNothing(connection.createSession().createConsumer(queue));
    }

    @ClassicTest
    void commitAcknowledgesTheConsumedMessages(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("orders");
        send(connection.createSession(), queue, "o1", "o2");
        MessageConsumer consumer = tx.createConsumer(queue);
        assertThat(receiveTexts(consumer, 2)).containsExactly("o1", "o2");
        tx.commit();
        connection.close();

        assertNothing(server.connect().createSession().createConsumer(queue));
    }

    @ClassicTest
    void closingATransactedSessionRollsBack(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue in = tx.createQueue("in");
        Queue out = tx.createQueue("out");
        send(connection.createSession(), in, "request");
        assertThat(delivery(receive(tx.createConsumer(in)))).isEqualTo("request:false:1");
        tx.createProducer(out).send(tx.createTextMessage("never committed"));

        tx.close();

        Session plain = connection.createSession();
        assertThat(delivery(receive(plain.createConsumer(in)))).isEqualTo("request:true:2");
        assertNothing(plain.createConsumer(out));
        assertThat(server.storedMessages("out")).isZero();
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void transactionMethodsCheckTheSessionMode(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session plain = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        assertThat(plain.getTransacted()).isFalse();
        assertThatThrownBy(plain::commit).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(plain::rollback).isInstanceOf(IllegalStateException.class);
        Session tx = connection.createSession(true, Session.AUTO_ACKNOWLEDGE);
        assertThat(tx.getTransacted()).isTrue();
        assertThat(tx.getAcknowledgeMode()).isEqualTo(Session.SESSION_TRANSACTED);
        assertThatThrownBy(tx::recover).isInstanceOf(IllegalStateException.class);
    }

    @ClassicTest
    void commitSettlesTheMessagesOfAConsumerClosedBeforeIt(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("orders");
        send(connection.createSession(), queue, "o1");
        MessageConsumer consumer = tx.createConsumer(queue);
        assertThat(receiveTexts(consumer, 1)).containsExactly("o1");
        consumer.close();
        tx.commit();
        tx.close();

        assertNothing(connection.createSession().createConsumer(queue));
    }

    @ClassicTest
    void rollbackHandsBackTheMessagesOfAConsumerClosedBeforeIt(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue queue = tx.createQueue("orders");
        send(connection.createSession(), queue, "o1");
        MessageConsumer consumer = tx.createConsumer(queue);
        assertThat(receiveTexts(consumer, 1)).containsExactly("o1");
        consumer.close();
        tx.rollback();

        MessageConsumer again = tx.createConsumer(queue);
        assertThat(delivery(receive(again))).isEqualTo("o1:true:2");
        tx.commit();
        assertNothing(again);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aListenerOfATransactedSessionCommitsAndRollsBackOnTheSessionThread(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session tx = connection.createSession(Session.SESSION_TRANSACTED);
        Queue in = tx.createQueue("in");
        Queue out = tx.createQueue("out");
        MessageProducer forward = tx.createProducer(out);
        List<String> seen = new CopyOnWriteArrayList<>();
        tx.createConsumer(in).setMessageListener(message -> {
            seen.add(delivery(message));
            try {
                forward.send(tx.createTextMessage("forwarded " + ClassicMessages.text(message)));
                if (message.getJMSRedelivered()) {
                    tx.commit();
                } else {
                    tx.rollback();
                }
            } catch (JMSException e) {
                seen.add("failed: " + e);
            }
        });
        send(connection.createSession(), in, "job");

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 2);
        assertThat(seen).containsExactly("job:false:1", "job:true:2");
        MessageConsumer forwarded = connection.createSession().createConsumer(out);
        assertThat(receiveTexts(forwarded, 1)).containsExactly("forwarded job");
        assertNothing(forwarded);
    }
}
