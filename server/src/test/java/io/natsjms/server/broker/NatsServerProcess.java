package io.natsjms.server.broker;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real nats-server child process configured like a {@link BrokerConfig} (same limits, same
 * authentication), listening on 127.0.0.1 and a free port, started and awaited until it accepts.
 */
public final class NatsServerProcess implements RunningBroker {
    private final Process process;
    private final int port;
    private final Path dir;

    private NatsServerProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts nats-server from the PATH with {@code config}'s settings (host and port are replaced). */
    public static NatsServerProcess start(BrokerConfig config) {
        return start(TestBrokers.findNatsServer().orElseThrow(
                () -> new IllegalStateException("nats-server is not on the PATH (apt-get install -y nats-server)")),
                config);
    }

    public static NatsServerProcess start(Path binary, BrokerConfig config) {
        try {
            int port = freePort();
            Path dir = Files.createTempDirectory("nats-server-test");
            Path conf = dir.resolve("nats.conf");
            Files.writeString(conf, configFile(config, port));
            Process process = new ProcessBuilder(binary.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("nats.log").toFile()).start();
            NatsServerProcess server = new NatsServerProcess(process, port, dir);
            Awaitility.await("nats-server accepting on port " + port).atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("nats-server exited: "
                                    + Files.readString(dir.resolve("nats.log")));
                        }
                        return accepts(port);
                    });
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start nats-server " + binary, e);
        }
    }

    /** The nats-server configuration equivalent to {@code config}. */
    static String configFile(BrokerConfig config, int port) {
        StringBuilder sb = new StringBuilder()
                .append("listen: \"127.0.0.1:").append(port).append("\"\n")
                .append("max_payload: ").append(config.maxPayload()).append('\n')
                .append("max_connections: ").append(config.maxConnections()).append('\n')
                .append("max_control_line: ").append(config.maxControlLine()).append('\n')
                .append("max_pending: ").append(config.maxPending()).append('\n')
                .append("ping_interval: \"").append(config.pingInterval().toMillis()).append("ms\"\n")
                .append("ping_max: ").append(config.maxPingsOut()).append('\n')
                .append("write_deadline: \"").append(config.writeDeadline().toMillis()).append("ms\"\n");
        BrokerConfig.Auth auth = config.auth();
        if (!config.users().isEmpty()) {
            sb.append("authorization {\n  users = [\n");
            for (BrokerUser user : config.users()) {
                sb.append("    {user: ").append(quoted(user.name())).append(", password: ")
                        .append(quoted(user.password())).append(", permissions: {publish: ")
                        .append(permission(user.permissions().publish())).append(", subscribe: ")
                        .append(permission(user.permissions().subscribe())).append("}}\n");
            }
            sb.append("  ]\n  timeout: ").append(config.authTimeout().toMillis() / 1000.0).append("\n}\n");
        } else if (auth.required()) {
            sb.append("authorization {\n");
            if (auth.token() != null) {
                sb.append("  token: \"").append(auth.token()).append("\"\n");
            } else {
                sb.append("  user: \"").append(auth.user()).append("\"\n")
                        .append("  password: \"").append(auth.password()).append("\"\n");
            }
            sb.append("  timeout: ").append(config.authTimeout().toMillis() / 1000.0).append("\n}\n");
        }
        BrokerTls tls = config.tls();
        if (tls != null) {
            sb.append("tls {\n  cert_file: ").append(quoted(tls.certFile().toString()))
                    .append("\n  key_file: ").append(quoted(tls.keyFile().toString()))
                    .append("\n  verify: ").append(tls.verify())
                    .append("\n  timeout: ").append(tls.timeout().toMillis() / 1000.0).append('\n');
            if (tls.caFile() != null) {
                sb.append("  ca_file: ").append(quoted(tls.caFile().toString())).append('\n');
            }
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static String permission(SubjectPermission permission) {
        return "{allow: " + list(permission.allow()) + ", deny: " + list(permission.deny()) + "}";
    }

    private static String list(java.util.List<String> subjects) {
        return subjects.stream().map(NatsServerProcess::quoted)
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
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

    @Override
    public BrokerKind kind() {
        return BrokerKind.NATS_SERVER;
    }

    @Override
    public int port() {
        return port;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "nats-server on port " + port + " (log in " + dir + ")";
    }
}
