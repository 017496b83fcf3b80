package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsServerProcess;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged {@code natsjms-server.jar} with {@code java -jar}, as an operator would. */
class ServerJarIT {

    private static Path jar;
    private String natsUrl;

    @BeforeAll
    static void findJar() {
        jar = Path.of(System.getProperty("natsjms.server.jar", "target/natsjms-server.jar"));
        assertThat(jar).as("the runnable jar (built by mvn package)").isRegularFile();
    }

    private static List<String> javaJar(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void startsOnAnExternalNatsServerAndStopsOnSigterm(@TempDir Path dir) throws Exception {
        Path conf = Files.writeString(dir.resolve("stan.conf"),
                "streaming { store_limits { max_msgs: 1234, channels { \"orders.>\": { max_msgs: 0 } } } }\n");
        try (NatsServerProcess nats = startNatsServer();
             ChildProcess server = new ChildProcess(javaJar("-ns", natsUrl, "-cid", "x", "-p", "0",
                     "-sc", conf.toString(), "-mb", "10MB", "-SD"))) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> server.output().contains("Streaming Server is ready") || !server.isAlive());
            assertThat(server.output()).contains("Streaming Server is ready")
                    .contains("---------- Store Limits ----------")
                    .containsPattern("Messages     : +1234\n")
                    .containsPattern("Bytes        : +10.00 MB\n")
                    .contains("orders.>\n |-> Messages")
                    .contains("Starting natsjms-server[x]");
            server.terminate(); // SIGTERM, as a supervisor's Process.destroy() sends
            assertThat(server.waitFor(30)).as("exit status after SIGTERM").isZero();
            assertThat(nats.isAlive()).isTrue();
        }
    }

    @Test
    void aBadFlagExitsWithTwoAndNamesFlagAndValue() throws Exception {
        try (ChildProcess server = new ChildProcess(javaJar("-mb", "1XB"))) {
            assertThat(server.waitFor(60)).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.output().contains("--help"));
            assertThat(server.output()).contains("'--max_bytes'").contains("\"1XB\" is not a size");
        }
    }

    @Test
    void anUnreachableNatsServerExitsWithOne() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        try (ChildProcess server = new ChildProcess(javaJar("-ns", "nats://127.0.0.1:" + port))) {
            assertThat(server.waitFor(60)).isEqualTo(1);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.output().contains("can't start the server"));
        }
    }

    /** A real nats-server on a free loopback port; its URL goes to {@link #natsUrl}. */
    private NatsServerProcess startNatsServer() {
        NatsServerProcess nats = NatsServerProcess.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
        natsUrl = nats.url();
        return nats;
    }
}
