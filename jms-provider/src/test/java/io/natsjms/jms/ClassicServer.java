package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.stan.StanConnection;
import io.natsjms.stan.StanConnectionListener;
import io.natsjms.stan.StanException;
import io.natsjms.stan.StanSettings;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One test's in-process natsjms server (embedded broker, cluster {@value #CLUSTER}, port 0) on a memory
 * or MapDB store, and the JMS and STAN connections the test opened through it. {@link #close()} closes
 * the connections, the server and deletes the MapDB data directory.
 */
final class ClassicServer implements AutoCloseable {

    static final String CLUSTER = "c";

    private final StoreType store;
    private final Path dataDir;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private NatsjmsServer server;

    ClassicServer(StoreType store) {
        this.store = store;
        try {
            this.dataDir = store == StoreType.MEMORY ? null : Files.createTempDirectory("natsjms-classic-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = startServer();
    }

    private NatsjmsServer startServer() {
        ServerConfig.Builder builder = ServerConfig.builder().port(0).clusterId(CLUSTER).storeType(store);
        if (dataDir != null) {
            // no fsync: these tests never crash the process, and a clean close persists everything
            builder.dataDir(dataDir).storeOptions(Map.of("fsync", "never"));
        }
        try {
            return NatsjmsServer.start(builder.build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    StoreType store() {
        return store;
    }

    String url() {
        return "nats://127.0.0.1:" + server.natsPort();
    }

    /** The provider configuration for this server with {@code clientId} (may be null) and client defaults. */
    ProviderConfig config(String clientId) {
        return config(clientId, ProviderConfig.defaults().ackWait());
    }

    /** Like {@link #config(String)} with another redelivery delay of unacknowledged messages. */
    ProviderConfig config(String clientId, Duration ackWait) {
        ProviderConfig d = ProviderConfig.defaults();
        return new ProviderConfig(List.of(url()), CLUSTER, clientId, null, null, d.connectTimeout(),
                d.pubAckTimeout(), d.maxInFlight(), ackWait, false, d.codec(), d.pingInterval(), d.pingMaxOut());
    }

    /** Opens a connection with {@code config}, not started; closed after the test. */
    NatsConnection open(ProviderConfig config) throws JMSException {
        NatsConnection connection = NatsConnection.open(config, null, null);
        opened.push(connection);
        return connection;
    }

    /** Opens a connection with client ID {@code clientId} (may be null), not started. */
    NatsConnection open(String clientId) throws JMSException {
        return open(config(clientId));
    }

    /** A started connection without a client ID. */
    NatsConnection connect() throws JMSException {
        return connect((String) null);
    }

    /** A started connection with client ID {@code clientId} (may be null). */
    NatsConnection connect(String clientId) throws JMSException {
        NatsConnection connection = open(clientId);
        connection.start();
        return connection;
    }

    /** A started connection with {@code config}. */
    NatsConnection connect(ProviderConfig config) throws JMSException {
        NatsConnection connection = open(config);
        connection.start();
        return connection;
    }

    /** A plain STAN client connection (no JMS), e.g. to publish payloads without the JMS envelope. */
    StanConnection stan(String clientId) throws StanException {
        StanSettings settings = StanSettings.builder(CLUSTER, clientId).servers(url()).build();
        StanConnection connection = StanConnection.connect(settings, new StanConnectionListener() { });
        opened.push(connection);
        return connection;
    }

    ServerSnapshot snapshot() {
        return server.snapshot();
    }

    Optional<ServerSnapshot.ChannelView> channel(String name) {
        return snapshot().channels().stream().filter(channel -> channel.name().equals(name)).findFirst();
    }

    /** Messages the server holds in channel {@code name} (0 while the channel does not exist). */
    long storedMessages(String name) {
        return channel(name).map(ServerSnapshot.ChannelView::msgs).orElse(0L);
    }

    /**
     * Closes every connection opened so far, stops the server and starts it again on the same store (a
     * memory store comes back empty). The server listens on a new port: open connections afterwards.
     */
    void restart() {
        closeConnections();
        server.close();
        server = startServer();
    }

    @Override
    public void close() {
        closeConnections();
        server.close();
        if (dataDir != null) {
            deleteTree(dataDir);
        }
    }

    private void closeConnections() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // the test may have closed it or broken it on purpose; nothing left to release
            }
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
