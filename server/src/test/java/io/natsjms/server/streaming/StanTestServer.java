package io.natsjms.server.streaming;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.natsjms.protocol.Subjects;
import io.natsjms.server.config.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One test's servers (a NATS server, see {@link TestNats}, and a streaming server over it) and the clients
 * the test opened through it, which are closed after the test.
 */
final class StanTestServer implements AutoCloseable {

    private final TestNats nats;
    private ServerConfig config;
    private StreamingServer server;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    private StanTestServer(TestNats nats, ServerConfig config, StreamingServer server) {
        this.nats = nats;
        this.config = config;
        this.server = server;
    }

    static StanTestServer start(ServerConfig config) throws IOException {
        TestNats nats = TestNats.start();
        try {
            return new StanTestServer(nats, config, startStreaming(config, nats));
        } catch (IOException | RuntimeException e) {
            nats.close();
            throw e;
        }
    }

    /**
     * A streaming server over {@code nats}: in process over the embedded broker (as {@code java -jar}
     * runs it), through jnats over a {@code nats-server} process.
     */
    private static StreamingServer startStreaming(ServerConfig config, TestNats nats) throws IOException {
        return nats.broker() == null ? StreamingServer.start(config, nats.url())
                : StreamingServer.start(config, nats.broker(), io.natsjms.store.StoreTimings.NONE);
    }

    String natsUrl() {
        return nats.url();
    }

    String clusterId() {
        return config.clusterId();
    }

    ServerConfig config() {
        return config;
    }

    Subjects subjects() {
        return server.subjects();
    }

    ServerSnapshot snapshot() {
        return server.snapshot();
    }

    Optional<ServerSnapshot.ChannelView> channel(String name) {
        return snapshot().channels().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    Optional<ServerSnapshot.ClientView> client(String id) {
        return snapshot().clients().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Connects the official STAN client with its own NATS connection. */
    StreamingConnection connect(String clientId) throws IOException, InterruptedException {
        return connect(clientId, UnaryOperator.identity());
    }

    StreamingConnection connect(String clientId, UnaryOperator<Options.Builder> options)
            throws IOException, InterruptedException {
        Options.Builder builder = new Options.Builder().natsUrl(nats.url());
        StreamingConnection connection = NatsStreaming.connect(clusterId(), clientId, options.apply(builder).build());
        opened.push(connection);
        return connection;
    }

    /** A plain NATS connection. */
    Connection natsConnection() throws IOException, InterruptedException {
        Connection connection = Nats.connect(new io.nats.client.Options.Builder().server(nats.url()).build());
        opened.push(connection);
        return connection;
    }

    /** A protocol-level client on its own NATS connection. */
    RawStan raw() {
        try {
            RawStan raw = new RawStan(Nats.connect(new io.nats.client.Options.Builder().server(nats.url()).build()),
                    subjects());
            opened.push(raw);
            return raw;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + nats.url(), e);
        }
    }

    /** Closes the clients and the streaming server, and starts a new one with a changed configuration. */
    void restart(UnaryOperator<ServerConfig.Builder> change) throws IOException {
        closeOpened();
        server.close();
        config = change.apply(config.toBuilder()).build();
        server = startStreaming(config, nats);
    }

    /**
     * Stops the streaming server and starts a new one on the same configuration (so on the same data
     * directory), leaving NATS and the clients up: they see the server go away and come back.
     */
    void restartStreamingServer() throws IOException {
        restartStreamingServer(UnaryOperator.identity());
    }

    /**
     * As {@link #restartStreamingServer()} with a changed configuration, which is kept only if the
     * new server starts; after a failed start there is no streaming server until the next restart.
     */
    void restartStreamingServer(UnaryOperator<ServerConfig.Builder> change) throws IOException {
        server.close();
        ServerConfig changed = change.apply(config.toBuilder()).build();
        server = startStreaming(changed, nats);
        config = changed;
    }

    /** Stops the streaming server, leaving NATS and the clients up (as when the server process dies). */
    void stopStreamingServer() {
        server.close();
    }

    private void closeOpened() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // the test may have closed it already, or killed its connection on purpose
            }
        }
    }

    @Override
    public void close() {
        try {
            closeOpened();
            server.close();
        } finally {
            nats.close();
            deleteDataDir();
        }
    }

    private void deleteDataDir() {
        if (config.dataDir() == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(config.dataDir())) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory; the OS cleans it up eventually
        }
    }
}
