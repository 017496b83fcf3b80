package io.natsjms.ra;

import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.server.streaming.ServerSnapshot;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** An in-process streaming server on a free port; a persistent one can be restarted on the same port. */
final class TestServer implements AutoCloseable {

    static final String CLUSTER_ID = "ra-test";

    private final Path dataDir;
    private NatsjmsServer server;
    private int port;

    private TestServer(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        this.server = start(0);
        this.port = server.natsPort();
    }

    /** A memory-store server. */
    static TestServer memory() throws IOException {
        return new TestServer(null);
    }

    /** A MapDB-store server keeping its data in {@code dataDir}. */
    static TestServer persistent(Path dataDir) throws IOException {
        return new TestServer(dataDir);
    }

    private NatsjmsServer start(int natsPort) throws IOException {
        ServerConfig.Builder config = ServerConfig.builder().host("127.0.0.1").port(natsPort).clusterId(CLUSTER_ID);
        if (dataDir != null) {
            config.storeType(StoreType.MAPDB).dataDir(dataDir);
        }
        return NatsjmsServer.start(config.build());
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Stops the server (its clients see the connection drop). */
    synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    /** Starts it again on the same port, after {@link #stop()}. */
    synchronized void startAgain() throws IOException {
        server = start(port);
    }

    /** The subscriptions of {@code channel} (offline durables included). */
    synchronized List<ServerSnapshot.SubscriptionView> subscriptions(String channel) {
        return server.snapshot().channels().stream().filter(c -> c.name().equals(channel))
                .flatMap(c -> c.subscriptions().stream()).collect(Collectors.toList());
    }

    /** The messages of {@code channel} sent to a subscriber and not acknowledged yet. */
    int pending(String channel) {
        return subscriptions(channel).stream().mapToInt(ServerSnapshot.SubscriptionView::pendingCount).sum();
    }

    /** The IDs of the connected clients. */
    synchronized List<String> clientIds() {
        return server.snapshot().clients().stream().map(ServerSnapshot.ClientView::id).collect(Collectors.toList());
    }

    @Override
    public void close() {
        stop();
    }
}
