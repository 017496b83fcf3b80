package io.natsjms.server.broker;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What only the embedded broker offers: its API, its main, its shutdown and its bookkeeping. */
class EmbeddedBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void startsOnAnEphemeralPortAndJnatsConnectsWithDefaultOptions() throws Exception {
        try (NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
             Connection connection = Nats.connect(broker.url())) {
            assertThat(broker.port()).isPositive();
            assertThat(broker.url()).isEqualTo("nats://127.0.0.1:" + broker.port());
            assertThat(connection.getServerInfo().getServerId()).isEqualTo(broker.serverId());
            assertThat(connection.getServerInfo().getServerName()).isEqualTo(broker.serverId());
        }
    }

    @Test
    void refusesAPortInUse() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            BrokerConfig config = BrokerConfig.builder().host("127.0.0.1").port(taken.getLocalPort()).build();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NatsBroker.start(config))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void releasesConnectionsAndSubscriptionsOfClientsThatLeave() throws Exception {
        try (NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build())) {
            Connection first = Nats.connect(broker.url());
            Connection second = Nats.connect(broker.url());
            first.subscribe("a");
            first.subscribe("b.*", "q");
            second.subscribe(">");
            first.flush(WAIT);
            second.flush(WAIT);
            assertThat(broker.connectionCount()).isEqualTo(2);
            assertThat(broker.subscriptionCount()).isEqualTo(3);

            first.close();
            await().atMost(WAIT).until(() -> broker.connectionCount() == 1 && broker.subscriptionCount() == 1);
            second.close();
            await().atMost(WAIT).until(() -> broker.connectionCount() == 0 && broker.subscriptionCount() == 0);
        }
    }

    @Test
    void closeDeliversWhatWasPublishedThenDisconnectsEveryone() throws Exception {
        NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
        Options options = Options.builder().server(broker.url()).noReconnect().build();
        try (RawClient subscriber = RawClient.connect(broker.port()); Connection publisher = Nats.connect(options)) {
            subscriber.send("CONNECT {\"verbose\":false}\r\nSUB last.words 1\r\nPING\r\n").readUntilEndsWith("PONG\r\n");
            for (int i = 0; i < 100; i++) {
                publisher.publish("last.words", ("msg " + i).getBytes(StandardCharsets.UTF_8));
            }
            publisher.flush(WAIT);

            broker.close();

            String received = subscriber.readUntilClosed();
            assertThat(received.split("MSG last.words 1 ", -1)).hasSize(101);
            assertThat(received).endsWith("msg 99\r\n");
            await().atMost(WAIT).until(() -> publisher.getStatus() == Connection.Status.CLOSED);
            assertThat(broker.connectionCount()).isZero();
        }
    }

    @Test
    void brokerMainRunsStandaloneAndStopsOnSigterm() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                BrokerMain.class.getName(), "-a", "127.0.0.1", "--port", Integer.toString(port))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            String url = "nats://127.0.0.1:" + port;
            Connection connection = await().atMost(WAIT).ignoreExceptions()
                    .until(() -> Nats.connect(Options.builder().server(url).noReconnect().build()), c -> true);
            try (connection) {
                Subscription sub = connection.subscribe("hello");
                connection.publish("hello", "world".getBytes(StandardCharsets.UTF_8));
                assertThat(sub.nextMessage(WAIT).getData()).isEqualTo("world".getBytes(StandardCharsets.UTF_8));

                process.destroy(); // SIGTERM: the shutdown hook closes the broker
                assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                await().atMost(WAIT).until(() -> connection.getStatus() == Connection.Status.CLOSED);
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
