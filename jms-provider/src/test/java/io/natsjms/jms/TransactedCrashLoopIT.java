package io.natsjms.jms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.jms.config.ProviderConfig;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transacted producer and a transacted consumer on one queue while the server process (MapDB) is
 * killed with SIGKILL several times and started again on the same directory and port: nothing a
 * producer commit confirmed is lost, and nothing is stored twice. A publish whose PubAck was lost in a
 * crash is sent again with its guid and de-duplicated by the server, so each message is delivered once
 * unflagged; deliveries again after a consumer rollback or a server redelivery carry JMSRedelivered and
 * are not duplicates. A consumer commit that fails (its acks cannot be sent while NATS reconnects) rolls
 * back: its messages must be delivered again and committed later, else they count as lost. Messages are
 * counted by content. {@code -Dnatsjms.crash.kills=N} sets the number
 * of kills (default 5), {@code -Dnatsjms.crash.seed=S} replays a run, {@code -Dnatsjms.crash.dupWindow=0}
 * runs the server without its duplicate window (to see what it prevents); about a minute.
 */
class TransactedCrashLoopIT {

    private static final String CLUSTER = "crashloop";
    private static final int BATCH = Integer.getInteger("natsjms.crash.batch", 20);
    private static final Duration DRAIN = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private ServerProcess server;
    private final List<Connection> connections = new ArrayList<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    /** Set once the producer thread has ended: from then on {@link #produced} no longer grows. */
    private final AtomicBoolean producerDone = new AtomicBoolean();
    /** Contents of producer transactions whose commit returned. */
    private final Set<String> produced = new ConcurrentSkipListSet<>();
    /** Contents of producer transactions whose commit failed: they may or may not be there. */
    private final Set<String> uncertain = new ConcurrentSkipListSet<>();
    private final AtomicInteger producerCommits = new AtomicInteger();
    /** Whether the producer is inside commit(), publishing its batch: the moment to kill the server. */
    private final AtomicBoolean committing = new AtomicBoolean();
    /** Contents of consumer transactions whose commit returned. */
    private final Set<String> consumed = new ConcurrentSkipListSet<>();
    /** Per content: deliveries without JMSRedelivered (more than one is a duplicate), and flagged ones. */
    private final Map<String, AtomicInteger> firstDeliveries = new ConcurrentHashMap<>();
    private final AtomicInteger redeliveries = new AtomicInteger();
    private final AtomicInteger consumerRollbacks = new AtomicInteger();
    /** Every content the consumer received, in a transaction that committed or not. */
    private final Set<String> delivered = new ConcurrentSkipListSet<>();
    /** Contents of consumer transactions whose commit failed, with the failure. */
    private final Map<String, String> inDoubt = new ConcurrentHashMap<>();
    private final List<Throwable> unexpected = new java.util.concurrent.CopyOnWriteArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        stop.set(true);
        producerDone.set(true);
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (JMSException e) {
                // the server may be gone
            }
        }
        if (server != null) {
            server.close();
        }
    }

    private Connection connect() throws JMSException {
        ProviderConfig d = ProviderConfig.defaults();
        ProviderConfig config = new ProviderConfig(List.of(server.url()), CLUSTER, null, null, null,
                d.connectTimeout(), Duration.ofSeconds(5), d.maxInFlight(), Duration.ofSeconds(2), false, d.codec(),
                d.pingInterval(), d.pingMaxOut());
        Connection connection = NatsConnection.open(config, null, null);
        connections.add(connection);
        connection.start();
        return connection;
    }

    @Test
    void noCommittedMessageIsLostAndNoneIsStoredTwice() throws Exception {
        int kills = Integer.getInteger("natsjms.crash.kills", 5);
        long seed = Long.getLong("natsjms.crash.seed", System.nanoTime());
        System.out.println("TransactedCrashLoopIT seed " + seed + " (-Dnatsjms.crash.seed=" + seed + " replays it)");
        Random random = new Random(seed);
        Path logs = Files.createDirectories(dir.resolve("logs"));
        String dupWindow = System.getProperty("natsjms.crash.dupWindow");
        server = new ServerProcess(Files.createDirectories(dir.resolve("data")), logs, CLUSTER,
                dupWindow == null ? List.of() : List.of("--dup_window", dupWindow));
        server.start();
        Session producerSession = connect().createSession(true, Session.SESSION_TRANSACTED);
        Queue queue = producerSession.createQueue("crash.q");
        Session consumerSession = connect().createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = consumerSession.createConsumer(queue);
        MessageProducer sender = producerSession.createProducer(queue);
        Thread producer = new Thread(() -> produce(producerSession, sender), "producer");
        Thread reader = new Thread(() -> consume(consumerSession, consumer), "consumer");
        producer.start();
        reader.start();

        for (int kill = 1; kill <= kills; kill++) {
            int before = producerCommits.get();
            int progress = 2 + random.nextInt(6);
            await("producer commits after start " + kill).atMost(DRAIN)
                    .until(() -> producerCommits.get() >= before + progress || !unexpected.isEmpty());
            // kill while publishes of a commit are in flight, so that some PubAcks are lost
            await("the producer inside commit").atMost(DRAIN).pollInterval(Duration.ofMillis(1))
                    .until(() -> committing.get() || !unexpected.isEmpty());
            assertThat(unexpected).isEmpty();
            server.kill();
            server.start();
        }
        int before = producerCommits.get();
        await("producer commits after the last start").atMost(DRAIN)
                .until(() -> producerCommits.get() >= before + 3 || !unexpected.isEmpty());
        stop.set(true);
        producer.join(DRAIN.toMillis());
        producerDone.set(!producer.isAlive());
        try {
            await("the consumer committed every committed message").atMost(DRAIN)
                    .until(() -> delivered.containsAll(produced) && consumed.containsAll(produced)
                            || !unexpected.isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            // reported with the counts below, with where the consumer is
            System.out.println("consumer thread after the drain timeout: " + reader.getState() + " at "
                    + java.util.Arrays.stream(reader.getStackTrace()).limit(25).map(String::valueOf)
                    .collect(Collectors.joining("\n  ")));
        }
        // a stored duplicate would arrive after its original: give the queue time to deliver anything left
        await().during(Duration.ofSeconds(3)).atMost(DRAIN).until(() -> true);
        reader.join(DRAIN.toMillis());

        Set<String> lost = new TreeSet<>(produced);
        lost.removeAll(delivered);
        Set<String> unconsumed = new TreeSet<>(produced);
        unconsumed.removeAll(consumed);
        Set<String> doubtNeverConsumed = new TreeSet<>(inDoubt.keySet());
        doubtNeverConsumed.removeAll(consumed);
        Map<String, Integer> duplicates = firstDeliveries.entrySet().stream().filter(e -> e.getValue().get() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
        System.out.printf("TransactedCrashLoopIT: %d kills, %d messages committed by the producer (%d commits),"
                        + " %d in failed commits, %d consumed, %d redeliveries, %d consumer rollbacks, %d lost,"
                        + " %d stored twice%n", kills, produced.size(), producerCommits.get(), uncertain.size(),
                consumed.size(), redeliveries.get(), consumerRollbacks.get(), lost.size(), duplicates.size());
        if (!lost.isEmpty() || !unconsumed.isEmpty()) {
            System.out.println("never delivered: " + lost.stream().limit(40).toList() + "; never consumed: "
                    + unconsumed.stream().limit(40).toList());
        }
        if (!doubtNeverConsumed.isEmpty()) {
            // lost on the consumer side: seen only in a transaction that rolled back, never delivered again
            System.out.println("in failed consumer commits and never delivered again: " + doubtNeverConsumed.size()
                    + ", e.g. " + doubtNeverConsumed.iterator().next() + " after "
                    + inDoubt.get(doubtNeverConsumed.iterator().next()));
        }
        assertThat(unexpected).isEmpty();
        assertThat(lost).as("committed by the producer but never delivered").isEmpty();
        assertThat(unconsumed).as("committed by the producer, never committed by the consumer (after a failed"
                + " consumer commit: never delivered again)").isEmpty();
        assertThat(duplicates).as("delivered more than once without JMSRedelivered (stored twice)").isEmpty();
        assertThat(produced.size()).isGreaterThanOrEqualTo(BATCH * (kills + 1));
    }

    private void produce(Session session, MessageProducer producer) {
        int batch = 0;
        while (!stop.get()) {
            List<String> contents = new ArrayList<>();
            try {
                for (int i = 0; i < BATCH; i++) {
                    String content = "b" + batch + "-" + i;
                    contents.add(content);
                    producer.send(session.createTextMessage(content));
                }
                committing.set(true);
                session.commit();
                committing.set(false);
                produced.addAll(contents);
                producerCommits.incrementAndGet();
            } catch (JMSException e) {
                // the server was away longer than the retries of a send: nothing is known of this batch
                committing.set(false);
                uncertain.addAll(contents);
                System.out.println("producer commit of batch " + batch + " failed: " + e);
            } catch (RuntimeException e) {
                unexpected.add(e);
                return;
            }
            batch++;
        }
    }

    private void consume(Session session, MessageConsumer consumer) {
        List<String> inTransaction = new ArrayList<>();
        while (!producerDone.get() || !delivered.containsAll(produced) || !consumed.containsAll(produced)) {
            try {
                Message message = consumer.receive(300);
                if (message != null) {
                    String content = ((TextMessage) message).getText();
                    if (message.getJMSRedelivered()) {
                        redeliveries.incrementAndGet();
                    } else {
                        firstDeliveries.computeIfAbsent(content, c -> new AtomicInteger()).incrementAndGet();
                    }
                    inTransaction.add(content);
                    delivered.add(content);
                }
                if (!inTransaction.isEmpty() && (message == null || inTransaction.size() >= BATCH)) {
                    session.commit();
                    consumed.addAll(inTransaction);
                    inTransaction.clear();
                }
            } catch (JMSException e) {
                // the commit failed (the server is away): rolled back, its messages must come again
                consumerRollbacks.incrementAndGet();
                for (String content : inTransaction) {
                    inDoubt.put(content, e.getClass().getSimpleName() + ": " + e.getMessage());
                }
                inTransaction.clear();
            } catch (RuntimeException e) {
                unexpected.add(e);
                return;
            }
        }
    }
}
