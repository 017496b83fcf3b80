package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * An in-process natsjms server (cluster {@value #CLUSTER}) on one fixed port over one MapDB directory,
 * so that a test can stop it and start it again as the same server, and the connections the test
 * opened to it. {@link #close()} closes the connections, then the server.
 */
final class RestartableServer implements AutoCloseable {

    static final String CLUSTER = "c";

    private final Path dataDir;
    private final int port;
    private final Deque<Connection> opened = new ArrayDeque<>();
    private NatsjmsServer server;

    RestartableServer(Path dataDir) throws IOException {
        this.dataDir = dataDir;
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    RestartableServer start() throws IOException {
        server = NatsjmsServer.start(ServerConfig.builder().port(port).clusterId(CLUSTER)
                .storeType(StoreType.MAPDB).dataDir(dataDir).build());
        return this;
    }

    void stop() {
        server.close();
        server = null;
    }

    ServerSnapshot snapshot() {
        return server.snapshot();
    }

    /** A configuration for this server: the provider's defaults but for the values given. */
    ProviderConfig config(String clientId, Duration ackWait, Duration pingInterval, int pingMaxOut) {
        ProviderConfig d = ProviderConfig.defaults();
        return new ProviderConfig(List.of("nats://127.0.0.1:" + port), CLUSTER, clientId, null, null,
                d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), ackWait, false, d.codec(), pingInterval,
                pingMaxOut);
    }

    /** A configuration for this server with the provider's defaults and JMS client ID {@code clientId}. */
    ProviderConfig config(String clientId) {
        ProviderConfig d = ProviderConfig.defaults();
        return config(clientId, d.ackWait(), d.pingInterval(), d.pingMaxOut());
    }

    /** Opens and starts a connection, closed by {@link #close()} unless the test closes it first. */
    Connection connect(ProviderConfig config) throws JMSException {
        Connection connection = NatsConnection.open(config, null, null);
        opened.push(connection);
        connection.start();
        return connection;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                // lost with a stopped server, or closed by the test already
            }
        }
        if (server != null) {
            stop();
        }
    }
}
