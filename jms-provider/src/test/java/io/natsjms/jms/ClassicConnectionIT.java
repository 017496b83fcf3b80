package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.receive;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.jms.message.NatsTextMessage;
import io.natsjms.server.config.StoreType;
import jakarta.jms.CompletionListener;
import jakarta.jms.Connection;
import jakarta.jms.Destination;
import jakarta.jms.ExceptionListener;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueConnection;
import jakarta.jms.QueueReceiver;
import jakarta.jms.QueueSender;
import jakarta.jms.QueueSession;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import jakarta.jms.TopicConnection;
import jakarta.jms.TopicPublisher;
import jakarta.jms.TopicSession;
import jakarta.jms.TopicSubscriber;
import java.io.Serializable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Client ID rules and what closed connections, sessions, producers and consumers do. */
class ClassicConnectionIT {

    @ClassicTest(stores = StoreType.MEMORY)
    void theClientIdCanBeSetOnlyBeforeAnyOtherUse(ClassicServer server) throws Exception {
        Connection fresh = server.open((String) null);
        assertThat(fresh.getClientID()).isNull();
        fresh.setClientID("chosen");
        assertThat(fresh.getClientID()).isEqualTo("chosen");
        assertThatThrownBy(() -> fresh.setClientID("again")).isInstanceOf(IllegalStateException.class);

        Connection used = server.open((String) null);
        used.createSession().close();
        assertThatThrownBy(() -> used.setClientID("late")).isInstanceOf(IllegalStateException.class);

        Connection started = server.open((String) null);
        started.start();
        assertThatThrownBy(() -> started.setClientID("late")).isInstanceOf(IllegalStateException.class);

        Connection configured = server.open("configured");
        assertThat(configured.getClientID()).isEqualTo("configured");
        assertThatThrownBy(() -> configured.setClientID("other")).isInstanceOf(IllegalStateException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aClientIdInUseIsRefused(ClassicServer server) throws Exception {
        server.open("taken");
        assertThatThrownBy(() -> server.open("taken")).isInstanceOf(InvalidClientIDException.class);
        Connection other = server.open((String) null);
        assertThatThrownBy(() -> other.setClientID("taken")).isInstanceOf(InvalidClientIDException.class);
        assertThatThrownBy(() -> other.setClientID("not valid!")).isInstanceOf(InvalidClientIDException.class);
        other.setClientID("free");
        assertThat(other.getClientID()).isEqualTo("free");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aClientIdIsFreeAgainOnceItsConnectionClosed(ClassicServer server) throws Exception {
        server.open("reused").close();
        Connection again = server.connect("reused");
        Session session = again.createSession();
        send(session, session.createQueue("q"), "works");
        assertThat(receive(session.createConsumer(session.createQueue("q")))).isNotNull();
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void theMetaDataNamesJms31(ClassicServer server) throws Exception {
        var metaData = server.open((String) null).getMetaData();
        assertThat(metaData.getJMSMajorVersion()).isEqualTo(3);
        assertThat(metaData.getJMSMinorVersion()).isEqualTo(1);
        assertThat(metaData.getJMSVersion()).isEqualTo("3.1");
        assertThat(Collections.list(metaData.getJMSXPropertyNames())).contains("JMSXDeliveryCount");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void everyMethodOfAClosedConnectionThrowsIllegalStateException(ClassicServer server) throws Exception {
        Connection connection = server.connect("closing");
        connection.close();
        connection.close();
        assertEveryMethodRefused(connection, Set.of("close"), Connection.class, QueueConnection.class,
                TopicConnection.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void everyMethodOfAClosedSessionThrowsIllegalStateException(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        session.close();
        session.close();
        assertEveryMethodRefused(session, Set.of("close", "run"), Session.class, QueueSession.class,
                TopicSession.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void awaitMessageWaitsForAMessageAndLeavesItToTheNextReceive(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("waiting");
        NatsMessageConsumer consumer = (NatsMessageConsumer) session.createConsumer(queue);
        connection.start();
        assertThat(consumer.awaitMessage(50)).as("nothing sent yet").isFalse();

        session.createProducer(queue).send(session.createTextMessage("m"));

        assertThat(consumer.awaitMessage(30_000)).isTrue();
        assertThat(consumer.awaitMessage(0)).as("still there").isTrue();
        assertThat(((jakarta.jms.TextMessage) consumer.receiveNoWait()).getText()).isEqualTo("m");
        assertThat(consumer.awaitMessage(0)).as("taken").isFalse();
        consumer.close();
        assertThatThrownBy(() -> consumer.awaitMessage(0)).isInstanceOf(IllegalStateException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void theSessionsOfAClosedConnectionAreClosed(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("q");
        MessageProducer producer = session.createProducer(queue);
        MessageConsumer consumer = session.createConsumer(queue);
        producer.send(session.createTextMessage("m"));
        Message received = receive(consumer);
        connection.close();

        assertThatThrownBy(session::createMessage).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> producer.send(new NatsTextMessage("x"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(received::acknowledge).isInstanceOf(IllegalStateException.class);
        session.close();
        producer.close();
        consumer.close();
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void acknowledgeAfterTheSessionClosedThrowsIllegalStateException(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("q");
        send(session, queue, "m");
        Message received = receive(session.createConsumer(queue));
        session.close();
        assertThatThrownBy(received::acknowledge).isInstanceOf(IllegalStateException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void everyMethodOfAClosedProducerThrowsIllegalStateException(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        MessageProducer producer = session.createProducer(session.createQueue("q"));
        producer.close();
        producer.close();
        assertEveryMethodRefused(producer, Set.of("close"), MessageProducer.class, QueueSender.class,
                TopicPublisher.class);
        MessageProducer anonymous = session.createProducer(null);
        anonymous.close();
        assertEveryMethodRefused(anonymous, Set.of("close"), MessageProducer.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void everyMethodOfAClosedConsumerThrowsIllegalStateException(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        consumer.close();
        consumer.close();
        assertEveryMethodRefused(consumer, Set.of("close"), MessageConsumer.class, QueueReceiver.class,
                TopicSubscriber.class);
    }

    /**
     * Calls every method {@code interfaces} declare on {@code target} (except {@code allowed}), with harmless
     * arguments, and asserts each throws jakarta.jms.IllegalStateException.
     */
    private static void assertEveryMethodRefused(Object target, Set<String> allowed, Class<?>... interfaces)
            throws Exception {
        List<String> wrong = new ArrayList<>();
        int called = 0;
        for (Class<?> type : interfaces) {
            for (Method method : type.getDeclaredMethods()) {
                if (allowed.contains(method.getName()) || Modifier.isStatic(method.getModifiers())) {
                    continue;
                }
                called++;
                String outcome = call(target, method);
                if (!outcome.equals(IllegalStateException.class.getName())) {
                    wrong.add(type.getSimpleName() + "." + method.getName() + List.of(method.getParameterTypes())
                            .stream().map(Class::getSimpleName).toList() + " -> " + outcome);
                }
            }
        }
        assertThat(called).isGreaterThan(3);
        assertThat(wrong).as("methods of a closed %s", target.getClass().getSimpleName()).isEmpty();
    }

    private static String call(Object target, Method method) throws Exception {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            args[i] = argument(types[i]);
        }
        try {
            method.invoke(target, args);
            return "returned normally";
        } catch (InvocationTargetException e) {
            return e.getCause().getClass().getName();
        }
    }

    private static Object argument(Class<?> type) throws Exception {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 1;
        }
        if (type == long.class) {
            return 1L;
        }
        if (type == String.class || type == Serializable.class) {
            return "x";
        }
        if (type == Destination.class || type == Queue.class) {
            return new NatsChannelQueue("q");
        }
        if (type == Topic.class) {
            return new NatsChannelTopic("t");
        }
        if (type == Message.class) {
            return new NatsTextMessage("x");
        }
        if (type == CompletionListener.class) {
            return new CompletionListener() {
                @Override
                public void onCompletion(Message message) {
                }

                @Override
                public void onException(Message message, Exception exception) {
                }
            };
        }
        if (type == MessageListener.class) {
            return (MessageListener) message -> { };
        }
        if (type == ExceptionListener.class) {
            return (ExceptionListener) exception -> { };
        }
        return null;
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void closingAConsumerEndsAReceiveBlockedInAnotherThread(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("q"));
        CompletableFuture<Message> blocked = receiveInBackground(consumer);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !blocked.isDone());
        consumer.close();
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isNull();
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void closingTheConnectionEndsAReceiveBlockedInAnotherThread(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        MessageConsumer consumer = connection.createSession().createConsumer(new NatsChannelQueue("q"));
        CompletableFuture<Message> blocked = receiveInBackground(consumer);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> !blocked.isDone());
        connection.close();
        assertThat(blocked.get(5, TimeUnit.SECONDS)).isNull();
    }

    private static CompletableFuture<Message> receiveInBackground(MessageConsumer consumer) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return consumer.receive();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
    }
}
