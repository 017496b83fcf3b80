package io.natsjms.jms;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The natsjms server in a child JVM (the test class path, {@code io.natsjms.server.cli.Main}) on the MapDB
 * store, started again and again on the same data directory and port, and killed with SIGKILL. Each
 * start's output goes to {@code server-<n>.log} in the log directory.
 */
final class ServerProcess implements AutoCloseable {

    private static final Duration START = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logDir;
    private final String clusterId;
    private final List<String> extraArguments;
    private final int port = freePort();
    private Process process;
    private Path log;
    private int starts;

    /** @param extraArguments more command-line flags of the server (e.g. {@code --dup_window 0}) */
    ServerProcess(Path dataDir, Path logDir, String clusterId, List<String> extraArguments) {
        this.extraArguments = List.copyOf(extraArguments);
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.clusterId = clusterId;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server and waits until it says it is ready. */
    void start() throws IOException {
        starts++;
        log = logDir.resolve("server-" + starts + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java,
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "io.natsjms.server.cli.Main", "-st", "MAPDB", "--dir", dataDir.toString(), "-cid", clusterId,
                "-a", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(extraArguments);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Process started = process;
        await("\"Streaming Server is ready\" in " + log).atMost(START).pollInterval(Duration.ofMillis(20))
                .until(() -> logText().contains("Streaming Server is ready") || !started.isAlive());
        if (!started.isAlive()) {
            throw new IllegalStateException("the server exited with status " + started.exitValue() + " on start "
                    + starts + "; its output:\n" + logText());
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String logText() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log);
        } catch (IOException e) {
            return "[cannot read " + log + ": " + e + "]";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
