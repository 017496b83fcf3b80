package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.natsjms.protocol.Subjects;
import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that connects while the packaged server is still starting is served, never dropped:
 * the embedded broker answers nobody until the streaming server listens on its subjects, so a
 * connection it accepts always finds the streaming server there (the original's behaviour).
 */
class StartupReadinessIT {

    private static final String CLUSTER = "ready";
    private static final Duration GIVE_UP = Duration.ofSeconds(60);

    /**
     * Loads the clients' classes first, with a connect that finds no streaming server, so that the
     * clients below are as quick as in a running application and really reach the server while
     * it starts.
     */
    @BeforeAll
    static void warmUpTheClients() throws Exception {
        try (NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
             Connection nats = Nats.connect(broker.url())) {
            assertThatThrownBy(() -> NatsStreaming.connect(CLUSTER, "warm-up", new Options.Builder().natsConn(nats)
                    .connectWait(Duration.ofMillis(100)).build())).hasMessageContaining("timeout");
            byte[] request = ConnectRequest.newBuilder().setClientID("warm-up").setHeartbeatInbox("_INBOX.hb")
                    .build().toByteArray();
            Message reply = nats.request(Subjects.forCluster(CLUSTER).discovery(), request, Duration.ofMillis(100));
            assertThat(reply == null || reply.isStatusMessage()).isTrue();
        }
    }

    @Test
    void aStanClientThatConnectsTheMomentThePortAcceptsTcpIsServedOnItsFirstTry() throws Exception {
        int port = ServerJar.freePort();
        try (ChildProcess server = new ChildProcess(ServerJar.command("-a", "127.0.0.1", "-p",
                String.valueOf(port), "-cid", CLUSTER))) {
            awaitTcp(port, server);
            // generous timeouts: the point is that the first attempt is answered, not how fast
            Connection nats = Nats.connect(new io.nats.client.Options.Builder().server(url(port))
                    .connectionTimeout(Duration.ofSeconds(30)).noReconnect().build());
            try (StreamingConnection stan = NatsStreaming.connect(CLUSTER, "first", new Options.Builder()
                    .natsConn(nats).connectWait(Duration.ofSeconds(30)).build())) {
                stan.publish("ready.first", new byte[] {1});
            } finally {
                nats.close();
            }
        }
    }

    @Test
    void everyConnectionTheBrokerAcceptsWhileTheServerStartsGetsAnAnswerToItsConnectRequest() throws Exception {
        int port = ServerJar.freePort();
        String discovery = Subjects.forCluster(CLUSTER).discovery();
        List<String> refused = new ArrayList<>();
        int answered = 0;
        try (ChildProcess server = new ChildProcess(ServerJar.command("-a", "127.0.0.1", "-p",
                String.valueOf(port), "-cid", CLUSTER))) {
            awaitTcp(port, server);
            long deadline = System.nanoTime() + GIVE_UP.toNanos();
            for (int attempt = 1; answered < 10; attempt++) {
                assertThat(System.nanoTime()).as("10 answered connects within %s; output:%n%s", GIVE_UP,
                        server.output()).isLessThan(deadline);
                assertThat(server.isAlive()).as("the server runs; its output:%n%s", server.output()).isTrue();
                Connection nats;
                try {
                    // a very short timeout: while the server starts, the broker must not greet anybody
                    nats = Nats.connect(new io.nats.client.Options.Builder().server(url(port))
                            .connectionTimeout(Duration.ofMillis(50)).noReconnect().build());
                } catch (IOException e) {
                    refused.add(e.getClass().getSimpleName());
                    continue;
                }
                try {
                    byte[] request = ConnectRequest.newBuilder().setClientID("c" + attempt)
                            .setHeartbeatInbox("_INBOX.hb" + attempt).build().toByteArray();
                    Message reply = nats.request(discovery, request, Duration.ofSeconds(10));
                    assertThat(reply).as("the answer to connect attempt %d, accepted by the broker", attempt)
                            .isNotNull();
                    assertThat(reply.isStatusMessage()).as("attempt %d was answered by the broker's 'no responders'"
                            + " instead of the streaming server", attempt).isFalse();
                    ConnectResponse response = ConnectResponse.parseFrom(reply.getData());
                    assertThat(response.getError()).isEmpty();
                    nats.publish(response.getCloseRequests(),
                            CloseRequest.newBuilder().setClientID("c" + attempt).build().toByteArray());
                    nats.flush(Duration.ofSeconds(10));
                    answered++;
                } finally {
                    nats.close();
                }
            }
        }
        System.out.printf("StartupReadinessIT: %d connects not yet accepted (%s), then %d answered%n",
                refused.size(), String.join(",", refused.stream().distinct().toList()), answered);
    }

    /** Waits until the port accepts a TCP connection (which the kernel does as soon as it is bound). */
    private static void awaitTcp(int port, ChildProcess server) {
        await("the port accepts TCP").atMost(GIVE_UP).pollInterval(Duration.ofMillis(2)).until(() -> {
            assertThat(server.isAlive()).as("the server runs; its output:%n%s", server.output()).isTrue();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static String url(int port) {
        return "nats://127.0.0.1:" + port;
    }
}
