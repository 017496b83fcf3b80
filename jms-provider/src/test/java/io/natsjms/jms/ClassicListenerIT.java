package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.delivery;
import static io.natsjms.jms.ClassicMessages.receiveText;
import static io.natsjms.jms.ClassicMessages.send;
import static io.natsjms.jms.ClassicMessages.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.IllegalStateException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Message listeners on the session thread, and connection start/stop. */
class ClassicListenerIT {

    private static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration LIMIT = Duration.ofSeconds(5);

    @ClassicTest(stores = StoreType.MEMORY)
    void listenersOfOneSessionRunOneAtATimeOnOneThread(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue first = session.createQueue("first");
        Queue second = session.createQueue("second");
        CountDownLatch firstRunning = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        AtomicInteger active = new AtomicInteger();
        AtomicInteger mostActive = new AtomicInteger();
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        List<String> seen = new CopyOnWriteArrayList<>();
        session.createConsumer(first).setMessageListener(message -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread());
            firstRunning.countDown();
            try {
                releaseFirst.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            seen.add(text(message));
            active.decrementAndGet();
        });
        session.createConsumer(second).setMessageListener(message -> {
            mostActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            threads.add(Thread.currentThread());
            seen.add(text(message));
            active.decrementAndGet();
        });
        Session sender = server.connect().createSession();
        send(sender, first, "to-first");
        assertThat(firstRunning.await(5, TimeUnit.SECONDS)).isTrue();
        send(sender, second, "to-second");

        await().during(QUIET).atMost(LIMIT).until(seen::isEmpty);
        releaseFirst.countDown();

        await().atMost(LIMIT).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("to-first", "to-second");
        assertThat(mostActive).hasValue(1);
        assertThat(threads).hasSize(1);
    }

    @ClassicTest
    void aListenerThrowingInAutoAcknowledgeGetsTheMessageRedelivered(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession(Session.AUTO_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        List<String> seen = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            seen.add(delivery(message));
            if (seen.size() == 1) {
                throw new RuntimeException("first delivery fails on purpose");
            }
        });
        send(session, queue, "job");

        await().atMost(LIMIT).until(() -> seen.size() >= 2);
        await().during(QUIET).atMost(LIMIT).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("job:false:1", "job:true:2");
        session.close();
        assertNothing(connection.createSession().createConsumer(queue));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aListenerThrowingInClientAcknowledgeGetsTheNextMessage(ClassicServer server) throws Exception {
        Session session = server.connect().createSession(Session.CLIENT_ACKNOWLEDGE);
        Queue queue = session.createQueue("work");
        List<String> seen = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            seen.add(delivery(message));
            if (seen.size() == 1) {
                throw new RuntimeException("first delivery fails on purpose");
            }
        });
        send(session, queue, "m1", "m2");

        await().atMost(LIMIT).until(() -> seen.size() >= 2);
        await().during(QUIET).atMost(LIMIT).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("m1:false:1", "m2:false:1");
        session.recover();
        await().atMost(LIMIT).until(() -> seen.size() == 4);
        assertThat(seen.subList(2, 4)).containsExactly("m1:true:2", "m2:true:2");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void nothingIsDeliveredBeforeTheConnectionStarts(ClassicServer server) throws Exception {
        Connection connection = server.open((String) null);
        Session session = connection.createSession();
        Queue queue = session.createQueue("work");
        List<String> seen = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> seen.add(text(message)));
        send(server.connect().createSession(), queue, "early");

        await().during(QUIET).atMost(LIMIT).until(seen::isEmpty);
        connection.start();
        await().atMost(LIMIT).until(() -> seen.equals(List.of("early")));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aStoppedConnectionDeliversNothingUntilRestarted(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("work");
        MessageConsumer syncConsumer = session.createConsumer(queue);
        Queue other = session.createQueue("other");
        List<String> seen = new CopyOnWriteArrayList<>();
        connection.createSession().createConsumer(other).setMessageListener(message -> seen.add(text(message)));

        connection.stop();
        Session sender = server.connect().createSession();
        send(sender, queue, "sync");
        send(sender, other, "async");
        assertNothing(syncConsumer);
        await().during(QUIET).atMost(LIMIT).until(seen::isEmpty);

        connection.start();
        assertThat(receiveText(syncConsumer)).isEqualTo("sync");
        await().atMost(LIMIT).until(() -> seen.equals(List.of("async")));
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void stopWaitsForARunningListener(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("work");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.add(text(message));
        });
        send(server.connect().createSession(), queue, "slow");
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> {
            try {
                connection.stop();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await().during(QUIET).atMost(LIMIT).until(() -> !stopped.isDone());
        release.countDown();
        stopped.get(5, TimeUnit.SECONDS);
        assertThat(finished).containsExactly("slow");
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void aListenerMayNotCloseOrStopItsConnectionOrSessionButMayCloseItsConsumer(ClassicServer server)
            throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("work");
        MessageConsumer consumer = session.createConsumer(queue);
        AtomicReference<List<String>> outcome = new AtomicReference<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        consumer.setMessageListener(message -> {
            seen.add(text(message));
            if (outcome.get() != null) {
                return;
            }
            List<String> results = new CopyOnWriteArrayList<>();
            results.add(attempt(connection::close));
            results.add(attempt(connection::stop));
            results.add(attempt(session::close));
            results.add(attempt(consumer::close));
            outcome.set(results);
        });
        send(server.connect().createSession(), queue, "one", "two");

        await().atMost(LIMIT).until(() -> outcome.get() != null);
        assertThat(outcome.get()).containsExactly(IllegalStateException.class.getName(),
                IllegalStateException.class.getName(), IllegalStateException.class.getName(), "ok");
        await().during(QUIET).atMost(LIMIT).until(() -> seen.size() == 1);
        assertThatThrownBy(consumer::receiveNoWait).isInstanceOf(IllegalStateException.class);
    }

    @ClassicTest(stores = StoreType.MEMORY)
    void receiveIsRefusedOnAConsumerWithAListener(ClassicServer server) throws Exception {
        Session session = server.connect().createSession();
        MessageConsumer consumer = session.createConsumer(session.createQueue("work"));
        consumer.setMessageListener(message -> { });
        assertThatThrownBy(() -> consumer.receive(10)).isInstanceOf(IllegalStateException.class);
        consumer.setMessageListener(null);
        assertThat(consumer.receive(10)).isNull();
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

    @ClassicTest(stores = StoreType.MEMORY)
    void closeWaitsForARunningListener(ClassicServer server) throws Exception {
        Connection connection = server.connect();
        Session session = connection.createSession();
        Queue queue = session.createQueue("work");
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        session.createConsumer(queue).setMessageListener(message -> {
            running.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            finished.add(text(message));
        });
        send(server.connect().createSession(), queue, "slow");
        assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
            try {
                connection.close();
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        await().during(QUIET).atMost(LIMIT).until(() -> !closed.isDone());
        release.countDown();
        closed.get(5, TimeUnit.SECONDS);
        assertThat(finished).containsExactly("slow");
    }
}
