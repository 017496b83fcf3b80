package io.natsjms.stan;

import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One test's in-process natsjms server (embedded broker + memory store, cluster {@value #CLUSTER},
 * port 0) and the STAN connections the test opened through it. The server starts on first use with
 * the defaults, or explicitly with {@link #start(UnaryOperator)}; everything is closed after the test.
 */
final class TestStan implements AutoCloseable {

    static final String CLUSTER = "c";

    private final Deque<StanConnection> connections = new ArrayDeque<>();
    private NatsjmsServer server;
    /** Closed by the test itself; only the broker (or nothing) is left to close. */
    private boolean streamingStopped;

    /** Starts the server with the default configuration adjusted by {@code config}. */
    NatsjmsServer start(UnaryOperator<ServerConfig.Builder> config) {
        if (server != null) {
            throw new IllegalStateException("server already started");
        }
        try {
            server = NatsjmsServer.start(config.apply(ServerConfig.builder().port(0).clusterId(CLUSTER)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    NatsjmsServer server() {
        return server != null ? server : start(UnaryOperator.identity());
    }

    String url() {
        return "nats://127.0.0.1:" + server().natsPort();
    }

    /** Settings for {@code clientId} on this server, to adjust and build. */
    StanSettings.Builder settings(String clientId) {
        return StanSettings.builder(CLUSTER, clientId).servers(url());
    }

    StanConnection connect(String clientId) throws StanException {
        return connect(settings(clientId).build(), new StanConnectionListener() { });
    }

    StanConnection connect(StanSettings settings, StanConnectionListener listener) throws StanException {
        StanConnection connection = StanConnection.connect(settings, listener);
        connections.push(connection);
        return connection;
    }

    ServerSnapshot snapshot() {
        return server().snapshot();
    }

    Optional<ServerSnapshot.ClientView> client(String id) {
        return snapshot().clients().stream().filter(c -> c.id().equals(id)).findFirst();
    }

    Optional<ServerSnapshot.ChannelView> channel(String name) {
        return snapshot().channels().stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Stops the streaming server but keeps the NATS broker running (requests then get "no responders"). */
    void stopStreaming() {
        server().streaming().close();
        streamingStopped = true;
    }

    /** Stops everything: the NATS connections drop. */
    void stopServer() {
        if (server != null) {
            closeServer();
            server = null;
        }
    }

    @Override
    public void close() {
        while (!connections.isEmpty()) {
            try {
                connections.pop().close();
            } catch (StanException e) {
                // the test may have stopped the server: nothing left to tell it
            }
        }
        stopServer();
    }

    private void closeServer() {
        if (streamingStopped) {
            try {
                server.close();
            } catch (RuntimeException e) {
                // the streaming part was closed already
            }
        } else {
            server.close();
        }
    }
}
