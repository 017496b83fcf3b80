package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server on the MapDB store, killed with SIGKILL while clients publish and a durable
 * subscriber acks, then started again on the same directory and port (docs/protocol.md#durability-and-recovery): no
 * acknowledged publish is lost, the durable never skips a message, and the clients carry on.
 * {@code -Dnatsjms.crash.cycles=N} sets the number of kills (default 3).
 */
class ServerCrashIT {

    private static final String CLUSTER = "crash";
    private static final String CHANNEL = "crash.orders";
    private static final String END = "end";
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private int port;
    private ChildProcess server;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    /** Every sequence the durable received (first deliveries and redeliveries). */
    private final Set<Long> received = new ConcurrentSkipListSet<>();
    private final AtomicInteger durableAcks = new AtomicInteger();

    @AfterEach
    void stopEverything() throws Exception {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // a client of a dead server may fail to close; the server goes next anyway
            }
        }
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void acknowledgedPublishesAndTheDurablesPositionSurviveSigkill() throws Exception {
        int cycles = Integer.getInteger("natsjms.crash.cycles", 3);
        long seed = Long.getLong("natsjms.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        startServer();
        CrashPublisher publisher = new CrashPublisher(connect("publisher"), CHANNEL);
        opened.push(publisher);
        StreamingConnection subscriber = connect("subscriber");
        subscriber.subscribe(CHANNEL, this::receiveAndAck, new SubscriptionOptions.Builder().durableName("dur")
                .manualAcks().maxInFlight(128).ackWait(Duration.ofSeconds(2)).deliverAllAvailable().build());

        for (int cycle = 1; cycle <= cycles; cycle++) {
            int pubTarget = publisher.ackedCount() + 50 + random.nextInt(1000);
            int ackTarget = durableAcks.get() + 20 + random.nextInt(500);
            await("cycle " + cycle + " (seed " + seed + "): " + pubTarget + " PubAcks and " + ackTarget + " acks")
                    .atMost(WAIT).until(() -> publisher.ackedCount() >= pubTarget && durableAcks.get() >= ackTarget);
            server.kill();
            int pubAcksAtKill = publisher.ackedCount();
            int acksAtKill = durableAcks.get();
            startServer();
            await("cycle " + cycle + ": the running clients carry on after the restart").atMost(WAIT)
                    .until(() -> publisher.ackedCount() > pubAcksAtKill + 10 && durableAcks.get() > acksAtKill + 10);
        }
        publisher.stop(WAIT);
        subscriber.publish(CHANNEL, END.getBytes(StandardCharsets.UTF_8));

        TreeMap<Long, String> channel = readChannel();
        long lastSeq = channel.lastKey();
        assertThat(channel.keySet()).as("sequences (seed %d)", seed).containsExactlyElementsOf(range(1, lastSeq));
        assertThat(new TreeSet<>(channel.values())).as("no payload twice").hasSize(channel.size());
        Set<String> stored = new HashSet<>(channel.values());
        assertThat(publisher.acked().stream().filter(payload -> !stored.contains(payload)).toList())
                .as("publishes that got a PubAck but are not stored (seed %d)", seed).isEmpty();
        await("the durable got every sequence up to " + lastSeq).atMost(WAIT)
                .until(() -> received.containsAll(range(1, lastSeq)));
        assertThat(publisher.ackedCount()).isGreaterThan(cycles * 60);
        refusesAnotherClusterId();
        System.out.printf("ServerCrashIT: %d kills (seed %d), %d messages, %d PubAcks, failed publishes %s,"
                + " %d durable acks%n", cycles, seed, lastSeq, publisher.ackedCount(), publisher.failures(),
                durableAcks.get());
    }

    /** The directory belongs to cluster {@value #CLUSTER}: a server of another cluster must not start on it. */
    private void refusesAnotherClusterId() throws Exception {
        server.kill();
        server = null;
        try (ChildProcess other = new ChildProcess(serverCommand("other"))) {
            assertThat(other.waitFor(60)).isEqualTo(Main.EXIT_FAILURE);
            await().atMost(Duration.ofSeconds(5)).until(() -> other.output().contains(
                    "can't start the server: cluster ID \"other\" does not match recovered value of \"crash\""));
        }
    }

    private void receiveAndAck(Message m) {
        received.add(m.getSequence());
        try {
            m.ack();
            durableAcks.incrementAndGet();
        } catch (IOException e) {
            // not acked: it will come again
        }
    }

    /** Every message of the channel, by sequence, read through a new subscription up to the end marker. */
    private TreeMap<Long, String> readChannel() throws Exception {
        Map<Long, String> all = new ConcurrentHashMap<>();
        StreamingConnection reader = connect("reader");
        reader.subscribe(CHANNEL, m -> all.put(m.getSequence(), new String(m.getData(), StandardCharsets.UTF_8)),
                new SubscriptionOptions.Builder().deliverAllAvailable().build());
        await("the end marker").atMost(WAIT).until(() -> all.containsValue(END));
        return new TreeMap<>(all);
    }

    private void startServer() throws IOException {
        ChildProcess child = new ChildProcess(serverCommand(CLUSTER));
        server = child;
        await("Streaming Server is ready").atMost(START)
                .until(() -> child.output().contains("Streaming Server is ready") || !child.isAlive());
        assertThat(child.isAlive()).as("the server runs; its output:%n%s", child.output()).isTrue();
    }

    private List<String> serverCommand(String clusterId) {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", jar().toString(), "-st", "MAPDB", "--dir", dir.toString(),
                "-a", "127.0.0.1", "-p", String.valueOf(port), "-cid", clusterId);
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("natsjms.server.jar", "target/natsjms-server.jar"));
        assertThat(jar).as("the runnable jar (built by mvn package)").isRegularFile();
        return jar;
    }

    /** A STAN client whose NATS connection reconnects for ever, every 50 ms, while the server is down. */
    private StreamingConnection connect(String clientId) throws IOException, InterruptedException {
        Connection nc = Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + port)
                .maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).build());
        opened.push(nc);
        StreamingConnection sc = NatsStreaming.connect(CLUSTER, clientId, new Options.Builder().natsConn(nc)
                .pubAckWait(Duration.ofSeconds(2)).build());
        opened.push(sc);
        return sc;
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }
}
