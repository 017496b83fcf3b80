package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGTERM and SIGINT stop the packaged server in order, as the original's: exit status 0, and a
 * restart on the same MapDB directory serves every acknowledged publish. (A
 * supervisor's {@code Process.destroy()} is SIGTERM too: {@link ServerJarIT} stops the server so.)
 */
class ServerStopIT {

    private static final String CLUSTER = "stop";
    private static final String CHANNEL = "stop.orders";
    private static final int MESSAGES = 200;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalStopsTheServerWithStatusZeroAndARestartServesEveryAcknowledgedPublish(String signal)
            throws Exception {
        int port = ServerJar.freePort();
        String[] args = {"-st", "MAPDB", "--dir", dir.resolve("data").toString(), "-a", "127.0.0.1",
                "-p", String.valueOf(port), "-cid", CLUSTER};
        try (ChildProcess server = ServerJar.startReady(args)) {
            try (StreamingConnection stan = connect(port, "publisher")) {
                for (int i = 1; i <= MESSAGES; i++) {
                    stan.publish(CHANNEL, ("m" + i).getBytes(StandardCharsets.UTF_8)); // returns on its PubAck
                }
            }
            server.signal(signal);
            assertThat(server.waitFor(60)).as("exit status after SIG%s; output:%n%s", signal, server.output())
                    .isZero();
            assertThat(server.output()).contains("Received SIG" + signal + ", stopping");
        }
        try (ChildProcess restarted = ServerJar.startReady(args);
             StreamingConnection reader = connect(port, "reader")) {
            Map<Long, String> received = new ConcurrentHashMap<>();
            reader.subscribe(CHANNEL,
                    m -> received.put(m.getSequence(), new String(m.getData(), StandardCharsets.UTF_8)),
                    new SubscriptionOptions.Builder().deliverAllAvailable().build());
            await("every acknowledged publish after the restart").atMost(Duration.ofSeconds(30))
                    .until(() -> received.size() >= MESSAGES);
            TreeMap<Long, String> expected = new TreeMap<>();
            for (long i = 1; i <= MESSAGES; i++) {
                expected.put(i, "m" + i);
            }
            assertThat(new TreeMap<>(received)).isEqualTo(expected);
        }
    }

    private static StreamingConnection connect(int port, String clientId) throws Exception {
        return NatsStreaming.connect(CLUSTER, clientId, new Options.Builder().natsUrl("nats://127.0.0.1:" + port)
                .connectWait(Duration.ofSeconds(10)).pubAckWait(Duration.ofSeconds(10)).build());
    }
}
