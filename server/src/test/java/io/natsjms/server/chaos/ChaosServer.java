package io.natsjms.server.chaos;

import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The packaged streaming server in a child JVM on the MapDB store, started again and again on the
 * same data directory and the same ports: over its embedded broker, or with {@code -ns} over an
 * external NATS server that stays up while the streaming server goes down. Each start's output goes to
 * {@code server-<n>.log} in the log directory.
 */
final class ChaosServer implements AutoCloseable {

    static final String CLUSTER = "chaos";
    private static final Duration START = Duration.ofSeconds(60);

    private final Path dataDir;
    private final Path logDir;
    private final Optional<String> externalNats;
    /** Whether the server runs on the JetStream store of the external NATS server (as a one-member FT group). */
    private final boolean jetStream;
    private final int natsPort;
    private final int monitorPort;
    private final List<String> exitProblems = new ArrayList<>();
    private Process process;
    private Path log;
    private int starts;
    private int probes;

    ChaosServer(Path dataDir, Path logDir, Optional<String> externalNats) {
        this(dataDir, logDir, externalNats, false);
    }

    /**
     * @param jetStream on the JetStream store of {@code externalNats} (a nats-server with JetStream): each
     *                  start after a SIGKILL waits, as a fault-tolerance group member, until the killed
     *                  server's lease expires, and takes over from the store
     */
    ChaosServer(Path dataDir, Path logDir, Optional<String> externalNats, boolean jetStream) {
        if (jetStream && externalNats.isEmpty()) {
            throw new IllegalArgumentException("the JetStream store needs an external nats-server with JetStream");
        }
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.externalNats = externalNats;
        this.jetStream = jetStream;
        this.natsPort = freePort();
        this.monitorPort = freePort();
    }

    String natsUrl() {
        return externalNats.orElse("nats://127.0.0.1:" + natsPort);
    }

    int monitorPort() {
        return monitorPort;
    }

    Path log() {
        return log;
    }

    /** Exit statuses that broke the server's promise (a SIGTERM must end in a clean exit 0). */
    List<String> exitProblems() {
        return exitProblems;
    }

    /**
     * Starts the server and waits until it prints that it is ready and a STAN connect succeeds.
     *
     * @throws IllegalStateException when the server exits or never accepts a client; the message has its log
     */
    void start() {
        starts++;
        log = logDir.resolve("server-" + starts + ".log");
        try {
            process = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command(), e);
        }
        Process started = process;
        await("\"Streaming Server is ready\" in " + log).atMost(START).pollInterval(Duration.ofMillis(20))
                .until(() -> logText().contains("Streaming Server is ready") || !started.isAlive());
        if (!started.isAlive()) {
            throw new IllegalStateException("the server exited with status " + started.exitValue()
                    + " on start " + starts + "; its output:\n" + logText());
        }
        awaitStanConnect();
    }

    /**
     * Until requests sent right after the ready line are served (they may still be dropped), a STAN connect
     * is tried again; each attempt uses a new client ID and its own NATS connection.
     */
    private void awaitStanConnect() {
        long deadline = System.nanoTime() + START.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline && process.isAlive()) {
            String probeId = "probe-" + (++probes);
            try (Connection nc = Nats.connect(new io.nats.client.Options.Builder().server(natsUrl())
                    .connectionTimeout(Duration.ofSeconds(2)).build())) {
                StreamingConnection sc = NatsStreaming.connect(CLUSTER, probeId, new io.nats.streaming.Options
                        .Builder().natsConn(nc).connectWait(Duration.ofSeconds(1)).build());
                sc.close();
                return;
            } catch (IOException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
        }
        throw new IllegalStateException("no STAN connect succeeded after start " + starts + " (last: " + last
                + "); the server's output:\n" + logText());
    }

    /** SIGTERM, then waits for the exit; anything but status 0 is recorded in {@link #exitProblems()}. */
    void terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(START.toSeconds(), TimeUnit.SECONDS)) {
            exitProblems.add("start " + starts + ": still running " + START.toSeconds() + " s after SIGTERM");
            kill();
            return;
        }
        if (process.exitValue() != 0) {
            exitProblems.add("start " + starts + ": exit status " + process.exitValue() + " after SIGTERM ("
                    + log + ")");
        }
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String logText() {
        try {
            return log == null || !Files.exists(log) ? "" : Files.readString(log);
        } catch (IOException e) {
            return "[cannot read " + log + ": " + e + "]";
        }
    }

    private List<String> command() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx512m", "-jar", jar().toString(),
                "-cid", CLUSTER, "-m", String.valueOf(monitorPort)));
        if (jetStream) {
            command.addAll(List.of("-st", "JETSTREAM", "--js_lease", "1s", "--ft_group", CLUSTER));
        } else {
            command.addAll(List.of("-st", "MAPDB", "--dir", dataDir.toString()));
        }
        if (externalNats.isPresent()) {
            command.addAll(List.of("-ns", externalNats.get()));
        } else {
            command.addAll(List.of("-a", "127.0.0.1", "-p", String.valueOf(natsPort)));
        }
        return command;
    }

    private static Path jar() {
        Path jar = Path.of(System.getProperty("natsjms.server.jar", "target/natsjms-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the runnable jar " + jar.toAbsolutePath() + " is missing (mvn package)");
        }
        return jar;
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
