package io.natsjms.server.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link ChaosIT} found (seed 1 once a recovered durable is registered again; seed 201 over nats-server,
 * 400 steps, 12 restarts): a queue group's cursor is stored only as each member's
 * own last sent sequence, so when the member that got the group's last message leaves, a restart puts
 * the cursor back, and the remaining member is sent again, as new, messages already delivered and acked.
 */
class QueueGroupCursorRestartIT {

    private static final String CHANNEL = "cursor";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aMessageAckedByAMemberThatLeftIsNotSentAgainAfterARestart() throws Exception {
        try (ChaosServer server = new ChaosServer(Files.createDirectory(dir.resolve("data")),
                Files.createDirectory(dir.resolve("logs")), Optional.empty())) {
            server.start();
            List<Connection> connections = new ArrayList<>();
            try {
                List<Set<Long>> received = List.of(new ConcurrentSkipListSet<>(), new ConcurrentSkipListSet<>());
                List<Subscription> members = new ArrayList<>();
                List<StreamingConnection> clients = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Connection nc = Nats.connect(new io.nats.client.Options.Builder().server(server.natsUrl())
                            .maxReconnects(-1).reconnectWait(Duration.ofMillis(50)).build());
                    connections.add(nc);
                    StreamingConnection sc = NatsStreaming.connect(ChaosServer.CLUSTER, "member-" + i,
                            new io.nats.streaming.Options.Builder().natsConn(nc).build());
                    clients.add(sc);
                    Set<Long> mine = received.get(i);
                    members.add(sc.subscribe(CHANNEL, "group", m -> ackAndKeep(m, mine),
                            new SubscriptionOptions.Builder().durableName("dur").manualAcks().build()));
                }
                // publish until both members got a message; the one with the group's last message then leaves
                for (long published = 1; received.get(0).isEmpty() || received.get(1).isEmpty(); published++) {
                    clients.get(0).publish(CHANNEL, "m".getBytes(StandardCharsets.UTF_8));
                    long sequence = published;
                    await().atMost(WAIT).until(() -> received.get(0).contains(sequence)
                            || received.get(1).contains(sequence));
                }
                int leaving = received.get(0).contains(lastOf(received)) ? 0 : 1;
                int staying = 1 - leaving;
                members.get(leaving).close();
                Set<Long> before = Set.copyOf(received.get(staying));

                long next = lastOf(received) + 1;

                server.terminate();
                server.start();
                clients.get(staying).publish(CHANNEL, "after".getBytes(StandardCharsets.UTF_8));
                await("the message published after the restart").atMost(WAIT)
                        .until(() -> received.get(staying).contains(next));
                assertThat(received.get(staying)).as("sequences the staying member got (it had %s; the group's"
                        + " last before the restart was %d)", before, next - 1).containsExactlyInAnyOrderElementsOf(
                        concat(before, next));
            } finally {
                for (Connection nc : connections) {
                    nc.close();
                }
            }
        }
    }

    private static void ackAndKeep(Message message, Set<Long> into) {
        into.add(message.getSequence());
        try {
            message.ack();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long lastOf(List<Set<Long>> received) {
        return received.stream().flatMap(Set::stream).mapToLong(Long::longValue).max().orElse(0);
    }

    private static List<Long> concat(Set<Long> before, long next) {
        List<Long> all = new ArrayList<>(before);
        all.add(next);
        return all;
    }
}
