package io.natsjms.store.jetstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * One {@code nats-server} child process with JetStream, on 127.0.0.1, its store in a directory of the
 * test's; alone or as a member of a {@link JetStreamCluster}.
 */
public final class NatsServerNode implements AutoCloseable {

    private final String name;
    private final int port;
    private final int clusterPort;
    private final Path dir;
    private final List<String> arguments;
    private Process process;

    private NatsServerNode(String name, int port, int clusterPort, Path dir, List<String> arguments) {
        this.name = name;
        this.port = port;
        this.clusterPort = clusterPort;
        this.dir = dir;
        this.arguments = arguments;
    }

    /** A single JetStream server storing in {@code dir}. */
    public static NatsServerNode standalone(Path dir) {
        int port = freePort();
        NatsServerNode node = new NatsServerNode("standalone", port, 0, dir, List.of(binary().toString(),
                "-a", "127.0.0.1", "-p", String.valueOf(port), "-js", "-sd", dir.resolve("js").toString()));
        node.start();
        return node;
    }

    /** A member of a cluster, not started yet. */
    static NatsServerNode member(String name, int port, int clusterPort, Path dir, String clusterName, String routes) {
        return new NatsServerNode(name, port, clusterPort, dir, List.of(binary().toString(),
                "-a", "127.0.0.1", "-p", String.valueOf(port), "-js", "-sd", dir.resolve("js").toString(),
                "--name", name, "--cluster_name", clusterName,
                "--cluster", "nats://127.0.0.1:" + clusterPort, "--routes", routes));
    }

    /** Starts (or restarts) the process and waits until it accepts connections. */
    public void start() {
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(arguments).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("nats.log").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server " + name, e);
        }
        Process started = process;
        Awaitility.await("nats-server " + name + " accepting on port " + port).atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("nats-server " + name + " exited: " + log());
                    }
                    return accepts(port);
                });
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public String name() {
        return name;
    }

    int clusterPort() {
        return clusterPort;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Ends the process with SIGKILL and waits for it. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String log() {
        try {
            return Files.readString(dir.resolve("nats.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The nats-server executable, or the test is skipped when there is none (failed when CI requires it). */
    static Path binary() {
        Optional<Path> found = Stream.concat(Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":")),
                        Stream.of("/usr/sbin"))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "nats-server")).filter(Files::isExecutable).findFirst();
        if (found.isEmpty()) {
            String message = "nats-server is not on the PATH (install it: apt-get install -y nats-server)";
            if (Boolean.getBoolean("natsjms.requireNatsServer")) {
                throw new IllegalStateException(message + "; natsjms.requireNatsServer=true requires it");
            }
            Assumptions.abort(message);
        }
        return found.get();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
