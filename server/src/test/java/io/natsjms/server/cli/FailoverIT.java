package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.pb.PubAck;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tolerance on the JetStream store: a 3-node nats-server cluster, natsjms servers of one group
 * as child processes, official STAN clients. About 25 s per test on 2 cores.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FailoverIT {

    private static final String CHANNEL = "orders";

    @TempDir
    Path dir;

    @Test
    void killingTheActiveHandsOverToTheStandbyWithoutLosingAnAcknowledgedMessage() throws Exception {
        try (FtGroupFixture group = new FtGroupFixture(dir, Duration.ofSeconds(1))) {
            ChildProcess active = group.startActive();
            ChildProcess standby = group.startStandby();
            Set<String> received = ConcurrentHashMap.newKeySet();
            StreamingConnection subscriber = group.stan("subscriber", Duration.ofSeconds(2));
            Subscription durable = subscribe(subscriber, received);
            Publisher publisher = new Publisher(group.stan("publisher", Duration.ofMillis(500)));
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.acked().size() >= 40);
                long killedAt = System.nanoTime();
                active.kill();
                await("the standby takes over").atMost(Duration.ofSeconds(30))
                        .until(() -> standby.output().contains(ServerJar.READY));
                await().atMost(Duration.ofSeconds(60)).until(() -> publisher.acked().size() >= 120);
                publisher.stop();
                System.out.printf("takeover: SIGKILL of the active -> next PubAck in %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(publisher.firstAckStartedAfter(killedAt) - killedAt));
            } finally {
                publisher.close();
            }
            await("every acknowledged message delivered").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(received).containsAll(publisher.acked()));

            durable.close();
            Set<String> resumed = ConcurrentHashMap.newKeySet();
            subscribe(subscriber, resumed);
            StreamingConnection late = group.stan("late-publisher", Duration.ofSeconds(2));
            for (int i = 0; i < 10; i++) {
                late.publish(CHANNEL, ("late-" + i).getBytes(StandardCharsets.UTF_8));
            }
            await("the durable resumes on the new active").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(resumed).contains("late-0", "late-9"));
        }
    }

    @Test
    void losingOneNatsServerNodeKeepsTheServiceGoingWithThreeReplicas() throws Exception {
        try (FtGroupFixture group = new FtGroupFixture(dir, Duration.ofSeconds(5))) {
            group.startActive();
            group.startStandby();
            Set<String> received = ConcurrentHashMap.newKeySet();
            subscribe(group.stan("subscriber", Duration.ofSeconds(2)), received);
            try (Publisher publisher = new Publisher(group.stan("publisher", Duration.ofSeconds(2)))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.acked().size() >= 30);
                group.cluster().nodes().get(0).kill();
                publisher.awaitMoreAcknowledged(60, "publishes acknowledged without that node", group);
                publisher.stop();
                await("every acknowledged message delivered").atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(received).containsAll(publisher.acked()));
            }
        }
    }

    /**
     * With a lease far longer than an election, the active rides out the loss of the node leading its
     * channel's stream itself: the commits fail while the stream elects a leader, the publishers retry,
     * and then it acknowledges again; nothing acknowledged is lost, before or after.
     */
    @Test
    void theActiveRidesOutTheLossOfTheNodeLeadingItsChannel() throws Exception {
        try (FtGroupFixture group = new FtGroupFixture(dir, Duration.ofSeconds(60))) {
            ChildProcess active = group.startActive();
            Set<String> received = ConcurrentHashMap.newKeySet();
            subscribe(group.stan("subscriber", Duration.ofSeconds(2)), received);
            try (Publisher publisher = new Publisher(group.stan("publisher", Duration.ofSeconds(2)))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.acked().size() >= 30);
                group.cluster().leaderOf(FtGroupFixture.CLUSTER_ID + "_ch_").kill();
                publisher.awaitMoreAcknowledged(60, "publishes acknowledged by the same active", group);
                publisher.stop();
                assertThat(active.isAlive()).as("the active is still running").isTrue();
                await("every acknowledged message delivered").atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(received).containsAll(publisher.acked()));
            }
        }
    }

    @Test
    void anActiveFrozenPastItsLeaseNeverAcknowledgesNorStoresAnotherPublish() throws Exception {
        try (FtGroupFixture group = new FtGroupFixture(dir, Duration.ofSeconds(1))) {
            ChildProcess frozen = group.startActive();
            ChildProcess standby = group.startStandby();
            Map<String, Integer> positiveAcks = new ConcurrentHashMap<>();
            Connection tap = group.natsConnection();
            Dispatcher dispatcher = tap.createDispatcher(msg -> {
                try {
                    PubAck ack = PubAck.parseFrom(msg.getData());
                    if (ack.getError().isEmpty()) {
                        positiveAcks.merge(ack.getGuid(), 1, Integer::sum);
                    }
                } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                    // not a PubAck
                }
            });
            dispatcher.subscribe("_STAN.acks.>");
            tap.flush(Duration.ofSeconds(5));
            StreamingConnection publisher = group.stan("publisher", Duration.ofSeconds(5));
            List<String> published = new ArrayList<>();
            publishSome(publisher, "before", 10, published);

            frozen.signal("STOP");
            await("the standby takes over").atMost(Duration.ofSeconds(30))
                    .until(() -> standby.output().contains(ServerJar.READY));
            publishSome(publisher, "while-frozen", 20, published);
            frozen.signal("CONT");
            int status = frozen.waitFor(30);
            publishSome(publisher, "after", 10, published);

            assertThat(status).as("the resumed member stops; its output:%n%s", frozen.output()).isNotZero();
            assertThat(frozen.output()).contains("no longer this server's");
            await().atMost(Duration.ofSeconds(10)).until(() -> positiveAcks.size() >= published.size());
            assertThat(positiveAcks).as("each publish acknowledged once").hasSize(published.size())
                    .allSatisfy((guid, count) -> assertThat(count).isEqualTo(1));
            List<String> stored = new ArrayList<>();
            StreamingConnection reader = group.stan("reader", Duration.ofSeconds(2));
            reader.subscribe(CHANNEL, m -> {
                synchronized (stored) {
                    stored.add(m.getSequence() + ":" + new String(m.getData(), StandardCharsets.UTF_8));
                }
            }, new SubscriptionOptions.Builder().deliverAllAvailable().build());
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (stored) {
                    return stored.size() >= published.size();
                }
            });
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < published.size(); i++) {
                expected.add((i + 1) + ":" + published.get(i));
            }
            synchronized (stored) {
                assertThat(stored).as("the channel holds each publish once, in order").isEqualTo(expected);
            }
        }
    }

    private static void publishSome(StreamingConnection publisher, String prefix, int count, List<String> published)
            throws Exception {
        for (int i = 0; i < count; i++) {
            String payload = prefix + "-" + i;
            publisher.publish(CHANNEL, payload.getBytes(StandardCharsets.UTF_8));
            published.add(payload);
        }
    }

    private static Subscription subscribe(StreamingConnection connection, Set<String> received) throws Exception {
        return connection.subscribe(CHANNEL, m -> {
            received.add(new String(m.getData(), StandardCharsets.UTF_8));
            try {
                m.ack();
            } catch (java.io.IOException e) {
                // redelivered later
            }
        }, new SubscriptionOptions.Builder().durableName("audit").manualAcks().ackWait(Duration.ofSeconds(2))
                .deliverAllAvailable().build());
    }

    /**
     * Publishes {@code m-0}, {@code m-1}, ... one at a time on its own thread, retrying a publish that is
     * not acknowledged within the PubAck wait, and records what was acknowledged and when.
     */
    private static final class Publisher implements AutoCloseable {
        private final StreamingConnection connection;
        private final Set<String> acked = ConcurrentHashMap.newKeySet();
        /** Start and acknowledgement times (System.nanoTime) of each acknowledged attempt. */
        private final List<long[]> times = new ArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Publisher(StreamingConnection connection) {
            this.connection = connection;
            this.thread = new Thread(this::run, "failover-publisher");
            thread.start();
        }

        private void run() {
            int next = 0;
            while (running.get()) {
                String payload = "m-" + next;
                long started = System.nanoTime();
                try {
                    connection.publish(CHANNEL, payload.getBytes(StandardCharsets.UTF_8));
                    synchronized (times) {
                        times.add(new long[] {started, System.nanoTime()});
                    }
                    acked.add(payload);
                    next++;
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // not acknowledged in time (no active server): the same message again
                }
            }
        }

        Set<String> acked() {
            return acked;
        }

        /** Waits up to 60 s for {@code more} acknowledgements; if they do not come, fails with the members' output. */
        void awaitMoreAcknowledged(int more, String alias, FtGroupFixture group) {
            int before = acked.size();
            try {
                await(alias).atMost(Duration.ofSeconds(60)).until(() -> acked.size() >= before + more);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                throw new AssertionError(e.getMessage() + " (" + (acked.size() - before)
                        + " acknowledged since); the members wrote:" + group.outputs(), e);
            }
        }

        long firstAckStartedAfter(long nanos) {
            synchronized (times) {
                return times.stream().filter(t -> t[0] >= nanos).mapToLong(t -> t[1]).min().orElse(nanos);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(30_000);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
