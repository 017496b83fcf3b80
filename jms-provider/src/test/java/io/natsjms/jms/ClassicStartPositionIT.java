package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.time.Duration;
import java.time.Instant;

/** The startPosition destination option: where a new subscription starts reading its channel. */
class ClassicStartPositionIT {

    private static Session sessionWithHistory(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        send(session, session.createTopic("orders"), "o1", "o2", "o3");
        return session;
    }

    @ClassicTest
    void aPlainTopicStartsWithNewMessages(ClassicServer server) throws Exception {
        Session session = sessionWithHistory(server);
        MessageConsumer consumer = session.createConsumer(session.createTopic("orders"));
        assertNothing(consumer);
        send(session, session.createTopic("orders"), "o4");
        assertThat(receiveTexts(consumer, 1)).containsExactly("o4");
    }

    @ClassicTest
    void firstStartsAtTheOldestMessage(ClassicServer server) throws Exception {
        assertStartsWith(server, "orders?startPosition=first", "o1", "o2", "o3");
    }

    @ClassicTest
    void sequenceStartsAtThatSequence(ClassicServer server) throws Exception {
        assertStartsWith(server, "orders?startPosition=sequence:2", "o2", "o3");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void lastStartsWithTheLastMessage(ClassicServer server) throws Exception {
        assertStartsWith(server, "orders?startPosition=last", "o3");
    }

    @ClassicTest
    void aDurationStartsThatLongAgo(ClassicServer server) throws Exception {
        assertStartsWith(server, "orders?startPosition=time:PT1M", "o1", "o2", "o3");
    }

    @ClassicTest
    void anInstantStartsAtTheFirstMessageFromThen(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        send(session, session.createTopic("orders"), "o1");
        Instant between = Instant.now();
        // STAN sends "start this long ago", which the server applies on arrival of the request: the start
        // moves later by the request's transit time, so keep later messages clear of that margin
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(between.plusMillis(200)));
        send(session, session.createTopic("orders"), "o2", "o3");
        MessageConsumer consumer = session.createConsumer(session.createTopic("orders?startPosition=time:" + between));
        assertThat(receiveTexts(consumer, 2)).containsExactly("o2", "o3");
        assertNothing(consumer);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aQueueWithAStartPositionStartsThere(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        send(session, session.createQueue("jobs"), "j1", "j2", "j3");
        MessageConsumer consumer = session.createConsumer(session.createQueue("jobs?startPosition=sequence:3"));
        assertThat(receiveTexts(consumer, 1)).containsExactly("j3");
        assertNothing(consumer);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void anInvalidStartPositionIsRefused(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        assertThatThrownBy(() -> session.createTopic("orders?startPosition=sequence:0"))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createTopic("orders?startPosition=yesterday"))
                .isInstanceOf(InvalidDestinationException.class);
        assertThatThrownBy(() -> session.createQueue("orders?colour=red"))
                .isInstanceOf(InvalidDestinationException.class);
    }

    private static void assertStartsWith(ClassicServer server, String destination, String... expected)
            throws Exception {
        Session session = sessionWithHistory(server);
        MessageConsumer consumer = session.createConsumer(session.createTopic(destination));
        assertThat(receiveTexts(consumer, expected.length)).containsExactly(expected);
        assertNothing(consumer);
        send(session, session.createTopic("orders"), "o4");
        assertThat(receiveTexts(consumer, 1)).containsExactly("o4");
    }
}
