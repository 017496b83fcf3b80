package io.natsjms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The original's logging flags on the packaged server: the log goes where they say, as they say. */
class LoggingFlagsIT {

    @TempDir
    Path dir;

    @Test
    void theLogGoesToTheFileOfLogWithoutTimestampsWhenLogtimeIsOffAndThePidFileHoldsThePid() throws Exception {
        Path log = dir.resolve("server.log");
        Path pidFile = dir.resolve("server.pid");
        try (ChildProcess server = ServerJar.startReady("-a", "127.0.0.1", "-p", "0", "-log", log.toString(),
                "-T=false", "-P", pidFile.toString())) {
            String prefix = "[" + server.pid() + "] [INF] ";
            assertThat(Files.readString(pidFile)).isEqualTo(Long.toString(server.pid()));
            await("the log file has the ready line").atMost(Duration.ofSeconds(10))
                    .until(() -> Files.readString(log).contains(prefix + ServerJar.READY));
            assertThat(Files.readAllLines(log)).as("every line: the pid, no time, the level")
                    .allMatch(line -> line.startsWith("[" + server.pid() + "] ["))
                    .anyMatch(line -> line.startsWith(prefix + "NATS broker"))
                    .anyMatch(line -> line.startsWith(prefix + "---------- Store Limits"));
            server.signal("TERM");
            assertThat(server.waitFor(30)).isZero();
            assertThat(Files.readString(log)).contains(prefix + "Received SIGTERM, stopping")
                    .contains(prefix + "Server stopped after SIGTERM");
            assertThat(server.output()).as("nothing logged on the standard streams").doesNotContain("[INF]")
                    .contains(ServerJar.READY);
            assertThat(pidFile).doesNotExist();
        }
    }

    @Test
    void withTimestampsALogLineStartsWithThePidTheDateAndTheTime() throws Exception {
        try (ChildProcess server = ServerJar.startReady("-a", "127.0.0.1", "-p", "0")) {
            assertThat(server.output()).containsPattern("(?m)^\\[" + server.pid()
                    + "\\] \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} \\[INF\\] NATS broker ");
        }
    }

    @Test
    void theLogGoesToTheRemoteSyslogServer() throws Exception {
        try (DatagramSocket syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            syslog.setSoTimeout(200);
            List<String> received = new ArrayList<>();
            try (ChildProcess server = ServerJar.startReady("-a", "127.0.0.1", "-p", "0", "-r",
                    "udp://127.0.0.1:" + syslog.getLocalPort())) {
                await("the ready line at the syslog server").atMost(Duration.ofSeconds(10)).until(() -> {
                    received.addAll(receive(syslog));
                    return received.stream().anyMatch(m -> m.contains(ServerJar.READY));
                });
                String ready = received.stream().filter(m -> m.contains(ServerJar.READY)).findFirst().orElseThrow();
                // facility daemon (3) and severity informational (6): 3 * 8 + 6
                assertThat(ready).matches("<30>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\S* \\S+ natsjms-server\\["
                        + server.pid() + "\\]: \\[INF\\] " + ServerJar.READY);
                assertThat(server.output()).doesNotContain("[INF]");
            }
        }
    }

    @Test
    void aLogFileThatCannotBeOpenedFailsTheStartWithStatusOne() throws Exception {
        Path log = dir.resolve("missing-directory").resolve("server.log");
        try (ChildProcess server = new ChildProcess(ServerJar.command("-a", "127.0.0.1", "-p", "0", "--log",
                log.toString()))) {
            assertThat(server.waitFor(60)).isEqualTo(Main.EXIT_FAILURE);
            await().atMost(Duration.ofSeconds(5)).until(() -> server.output()
                    .contains("can't start the server: can't open the log " + log));
        }
    }

    private static List<String> receive(DatagramSocket socket) throws Exception {
        List<String> messages = new ArrayList<>();
        byte[] buffer = new byte[4096];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return messages;
            }
            messages.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }
    }
}
