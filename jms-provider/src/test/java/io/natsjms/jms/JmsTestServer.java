package io.natsjms.jms;

import io.natsjms.jms.config.ProviderConfig;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import jakarta.jms.Connection;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process natsjms server (embedded broker, memory store, cluster {@value #CLUSTER}, port 0) for JMS
 * tests, started on first use, and the connections and contexts a test opened through it.
 *
 * <p>Register it with {@code @RegisterExtension}: in a static field one server serves the whole class (each
 * test's connections are closed after it, the server after the class); in an instance field every test
 * gets its own server.
 */
public final class JmsTestServer implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    /** The cluster ID of the server. */
    public static final String CLUSTER = "c";

    private final UnaryOperator<ServerConfig.Builder> serverConfig;
    /** What the current test opened, closed newest first after it. */
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private NatsjmsServer server;
    /** Whether the extension sits in a static field (one server for the class). */
    private boolean classScoped;

    /** A server with the default configuration. */
    public JmsTestServer() {
        this(UnaryOperator.identity());
    }

    /** A server with the default configuration adjusted by {@code serverConfig}. */
    public JmsTestServer(UnaryOperator<ServerConfig.Builder> serverConfig) {
        this.serverConfig = serverConfig;
    }

    /** The running server (started now if needed). */
    public synchronized NatsjmsServer server() {
        if (server == null) {
            try {
                server = NatsjmsServer.start(serverConfig.apply(ServerConfig.builder().port(0).clusterId(CLUSTER))
                        .build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** The NATS URL of the server. */
    public String url() {
        return "nats://127.0.0.1:" + server().natsPort();
    }

    /** The provider's defaults with this server's URL and cluster ID. */
    public ProviderConfig config() {
        ProviderConfig d = ProviderConfig.defaults();
        return new ProviderConfig(List.of(url()), CLUSTER, d.clientId(), d.user(), d.password(),
                d.connectTimeout(), d.pubAckTimeout(), d.maxInFlight(), d.ackWait(), d.sendRawBodies(), d.codec(),
                d.pingInterval(), d.pingMaxOut());
    }

    /** A new connection with {@link #config()}, closed after the test. */
    public Connection connection() {
        return connection(config());
    }

    /** A new connection with {@code config}, closed after the test. */
    public Connection connection(ProviderConfig config) {
        try {
            return track(NatsConnection.open(config, null, null));
        } catch (JMSException e) {
            throw new IllegalStateException("cannot connect to " + config.servers(), e);
        }
    }

    /** A new context owning a new connection, in AUTO_ACKNOWLEDGE, closed after the test. */
    public JMSContext context() {
        return context(JMSContext.AUTO_ACKNOWLEDGE);
    }

    /** A new context owning a new connection, with {@code sessionMode}, closed after the test. */
    public JMSContext context(int sessionMode) {
        return track(new NatsJMSContext(connection(), sessionMode));
    }

    /** Closes {@code resource} after the test (before what was opened earlier). */
    public synchronized <T extends AutoCloseable> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        classScoped = true;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        closeOpened();
        if (!classScoped) {
            stopServer();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopServer();
    }

    private void closeOpened() throws Exception {
        Exception failure = null;
        while (true) {
            AutoCloseable resource;
            synchronized (this) {
                resource = opened.poll();
            }
            if (resource == null) {
                break;
            }
            try {
                resource.close();
            } catch (JMSException | JMSRuntimeException e) {
                // closed by the test already, or its connection is: nothing else to release
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private synchronized void stopServer() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
