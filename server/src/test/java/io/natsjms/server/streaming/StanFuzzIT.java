package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.StartPosition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeded protocol fuzzing of the streaming server over the embedded broker and the MapDB store:
 * mutated ConnectRequests, PubMsgs, SubscriptionRequests, Unsubscribe and subscription-close requests,
 * CloseRequests, Acks, PINGs and browse requests go to every STAN subject in batches; between batches a
 * health check connects, subscribes, publishes to every fuzzed channel, receives and acks. At the end
 * the server restarts on the same directory and must keep every acknowledged publish. Nothing may be
 * logged at ERROR on the way.
 *
 * <p>The seed is printed; {@code -Dnatsjms.fuzz.seed=N} replays it (the mutations are the same; which
 * known ack inbox a mutation goes to depends on when replies arrive). {@code -Dnatsjms.fuzz.mutations=N}
 * changes the count (default {@value #DEFAULT_MUTATIONS}; e.g. 100000 for a soak).
 */
@ExtendWith(StanServerExtension.class)
@StanConfig(persistent = true)
class StanFuzzIT {

    static final String SEED_PROPERTY = "natsjms.fuzz.seed";
    static final String MUTATIONS_PROPERTY = "natsjms.fuzz.mutations";
    static final int DEFAULT_MUTATIONS = 20_000;
    private static final int BATCH = 500;
    /** How often closed fuzz clients are connected again. */
    private static final int RECONNECT = 100;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String HEALTH_CHANNEL = "health";

    private final List<FuzzTraffic.Acked> healthAcked = new ArrayList<>();
    private final Map<String, String> fuzzHbInboxes = new HashMap<>();

    @Test
    void mutatedRequestsNeverBreakTheServerNorLoseAnAcknowledgedPublish(StanTestServer stan) throws Exception {
        assumeThat(System.getProperty(StanServerExtension.STORE_PROPERTY))
                .as("this test always runs on MapDB: the MapDB re-run of the suite would repeat it")
                .isNotEqualTo("mapdb");
        long seed = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());
        int mutations = Integer.getInteger(MUTATIONS_PROPERTY, DEFAULT_MUTATIONS);
        System.out.println("StanFuzzIT: seed " + seed + ", " + mutations + " mutations (replay with -D"
                + SEED_PROPERTY + "=" + seed + ")");
        long started = System.nanoTime();
        try (ErrorLogCounter log = new ErrorLogCounter()) {
            RawStan fuzzer = stan.raw();
            RawStan health = stan.raw();
            FuzzTraffic traffic = new FuzzTraffic(fuzzer, new Random(seed));
            connectFuzzClients(stan, fuzzer, traffic);
            for (String channel : FuzzTraffic.CHANNELS) {
                publishChecked(fuzzer, "f0", channel, "first");
            }
            int round = 0;
            for (int sent = 1; sent <= mutations; sent++) {
                traffic.sendOne();
                if (sent % BATCH == 0 || sent == mutations) {
                    fuzzer.nc.flush(WAIT);
                    healthCheck(stan, health, round++);
                }
                if (sent % RECONNECT == 0) {
                    connectFuzzClients(stan, fuzzer, traffic);
                }
            }
            for (String client : FuzzTraffic.CLIENTS) {
                fuzzer.close(client);
            }
            List<FuzzTraffic.Acked> acked = new ArrayList<>(traffic.acknowledged());
            traffic.close();

            stan.restartStreamingServer();

            healthCheck(stan, stan.raw(), round);
            acked.addAll(healthAcked);
            assertEveryAcknowledgedPublishIsThere(stan, acked);
            long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
            System.out.println("StanFuzzIT: seed " + seed + ": " + mutations + " mutations, " + round
                    + " health checks, " + acked.size() + " acknowledged publishes kept over a restart, " + seconds
                    + " s; " + log.errors() + " errors and " + log.warnings() + " warnings logged; replies: "
                    + traffic.outcomes());
            assertThat(log.errors()).as("errors logged (seed %d), the first ones: %s", seed, log.firstErrors())
                    .isZero();
        }
    }

    /**
     * Connects (again) the fuzz clients that are not registered (a fuzzed CloseRequest closed them) or
     * that a fuzzed ConnectRequest registered under their ID while they were closed.
     */
    private void connectFuzzClients(StanTestServer stan, RawStan fuzzer, FuzzTraffic traffic) {
        for (String id : FuzzTraffic.CLIENTS) {
            var registered = stan.client(id);
            if (registered.isPresent() && registered.get().hbInbox().equals(fuzzHbInboxes.get(id))) {
                continue;
            }
            if (registered.isPresent()) {
                fuzzer.close(id);
            }
            RawStan.Client client = fuzzer.connect(id);
            if (client.response().getError().isEmpty()) {
                traffic.knowClient(id, client.connId());
                fuzzHbInboxes.put(id, client.hbInbox());
            }
        }
    }

    /** A client connects, subscribes, publishes to every fuzzed channel, receives, acks and leaves. */
    private void healthCheck(StanTestServer stan, RawStan health, int round) {
        String id = "health" + round;
        assertThat(health.connect(id).response().getError()).as("health connect, round %d", round).isEmpty();
        RawStan.Sub sub = health.subscribeOk(health.subRequest(id, HEALTH_CHANNEL));
        for (String channel : FuzzTraffic.CHANNELS) {
            publishChecked(health, id, channel, "health " + round);
        }
        publishChecked(health, id, HEALTH_CHANNEL, "health " + round);
        await().atMost(WAIT).until(() -> sub.received().size() == 1);
        health.ack(sub, sub.received().get(0).getSequence());
        await().atMost(WAIT).until(() -> stan.channel(HEALTH_CHANNEL).orElseThrow().subscriptions().stream()
                .filter(s -> s.inbox().equals(sub.inbox())).allMatch(s -> s.pendingCount() == 0));
        assertThat(health.unsubscribe(id, HEALTH_CHANNEL, sub.ackInbox()).getError()).isEmpty();
        assertThat(health.close(id).getError()).isEmpty();
    }

    private void publishChecked(RawStan via, String clientId, String channel, String text) {
        var msg = via.pubMsg(clientId, channel, text);
        PubAck ack = via.publish(msg);
        assertThat(ack.getError()).as("PubAck on %s", channel).isEmpty();
        healthAcked.add(new FuzzTraffic.Acked(channel, msg.getData()));
    }

    /** Reads every channel an acknowledged publish went to from its first message and counts payloads. */
    private static void assertEveryAcknowledgedPublishIsThere(StanTestServer stan, List<FuzzTraffic.Acked> acked) {
        RawStan verifier = stan.raw();
        verifier.connect("verifier");
        Map<String, List<ByteString>> byChannel = acked.stream().collect(Collectors.groupingBy(
                FuzzTraffic.Acked::channel, Collectors.mapping(FuzzTraffic.Acked::data, Collectors.toList())));
        for (var entry : byChannel.entrySet()) {
            String channel = entry.getKey();
            long stored = stan.channel(channel).map(ServerSnapshot.ChannelView::msgs).orElse(0L);
            assertThat(stored).as("messages in channel \"%s\" after the restart", channel)
                    .isGreaterThanOrEqualTo(entry.getValue().size());
            RawStan.Sub all = verifier.subscribeOk(verifier.subRequest("verifier", channel)
                    .setStartPosition(StartPosition.First).setMaxInFlight(Integer.MAX_VALUE));
            await().atMost(WAIT).until(() -> all.received().size() >= stored);
            Map<ByteString, Long> have = all.received().stream().map(m -> m.getData())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            Map<ByteString, Long> want = new HashMap<>(entry.getValue().stream()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())));
            want.forEach((data, count) -> assertThat(have.getOrDefault(data, 0L))
                    .as("copies of an acknowledged payload in \"%s\"", channel).isGreaterThanOrEqualTo(count));
            assertThat(verifier.unsubscribe("verifier", channel, all.ackInbox()).getError()).isEmpty();
        }
    }
}
