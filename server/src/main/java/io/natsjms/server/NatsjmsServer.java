package io.natsjms.server;

import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.server.config.SecuritySettings;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.monitor.MonitorServer;
import io.natsjms.server.monitor.StoreLatency;
import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.streaming.StreamingServer;
import io.natsjms.store.StoreTimings;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * A complete natsjms server as {@code java -jar} runs it: the embedded NATS broker (unless an
 * external NATS server is configured), the streaming server over it, and the monitoring endpoints
 * when a monitoring port is set. Closing it stops them in the reverse order.
 *
 * <p>Over the embedded broker, the streaming server's engine is a client of the broker inside this
 * process ({@link NatsBroker#connectInternal}): no socket and no protocol text between them. The
 * broker's port is bound first but answers nobody until the streaming server has subscribed its
 * subjects: a client that connects while the server starts waits for the broker's greeting and is
 * then served, where it would otherwise have had its first requests go unanswered.
 *
 * <p>The monitoring port opens first, so that {@code /healthz} answers 503 while the store is
 * recovered, and closes last, so that it answers 503 while the server stops.
 */
public final class NatsjmsServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(NatsjmsServer.class.getName());

    private final NatsBroker broker;
    private final StreamingServer streaming;
    private final MonitorServer monitor;
    private final ServerState state;
    private boolean closed;

    private NatsjmsServer(NatsBroker broker, StreamingServer streaming, MonitorServer monitor, ServerState state) {
        this.broker = broker;
        this.streaming = streaming;
        this.monitor = monitor;
        this.state = state;
    }

    /**
     * Starts everything {@code config} asks for.
     *
     * @throws IOException if a port can't be bound, NATS can't be reached, or another server
     *                     already serves the cluster ID
     */
    public static NatsjmsServer start(ServerConfig config) throws IOException {
        return start(config, null);
    }

    /**
     * As {@link #start(ServerConfig)}, the embedded broker listening on {@code bound}, a server
     * socket the caller already bound to the configured address (or {@code null}), which the
     * server owns from now on.
     */
    public static NatsjmsServer start(ServerConfig config, ServerSocketChannel bound) throws IOException {
        NatsBroker broker = null;
        StreamingServer streaming = null;
        MonitorServer monitor = null;
        ServerState state = new ServerState();
        // the histograms (and the Prometheus client's classes) only when something shows them
        StoreTimings latency = StoreTimings.NONE;
        try {
            if (config.monitor().enabled()) {
                StoreLatency histograms = new StoreLatency();
                latency = histograms;
                monitor = MonitorServer.start(config.monitor(), state, histograms);
            }
            state.phase("starting: opening and recovering the store, connecting to NATS");
            if (config.embeddedBroker()) {
                broker = bound == null ? NatsBroker.startHeld(brokerConfig(config))
                        : NatsBroker.startHeld(brokerConfig(config), bound);
                streaming = StreamingServer.start(config, broker, latency);
            } else {
                warnIfBrokerSecurity(config);
                streaming = StreamingServer.start(config, config.natsUrl(), true, latency);
            }
            state.running(streaming);
            if (broker != null) {
                state.phase("starting: opening the NATS port");
                broker.open();
            }
            state.ready();
            return new NatsjmsServer(broker, streaming, monitor, state);
        } catch (IOException | RuntimeException e) {
            state.phase("the server failed to start: " + e.getMessage());
            if (streaming != null) {
                streaming.close();
            }
            if (broker != null) {
                broker.close();
            } else if (bound != null) {
                closeQuietly(bound, e); // the broker never took it over
            }
            if (monitor != null) {
                monitor.close();
            }
            throw e;
        }
    }

    private static void closeQuietly(ServerSocketChannel channel, Exception failure) {
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static void warnIfBrokerSecurity(ServerConfig config) {
        SecuritySettings security = config.security();
        if (security.brokerTls() != null || !security.users().isEmpty()) {
            LOG.log(System.Logger.Level.WARNING, "TLS and users of the embedded broker are ignored: the NATS server"
                    + " is the external " + config.natsUrl() + " (configure them there)");
        }
    }

    private static BrokerConfig brokerConfig(ServerConfig config) {
        BrokerConfig.Auth auth = BrokerConfig.Auth.none();
        if (config.token() != null) {
            auth = BrokerConfig.Auth.token(config.token());
        } else if (config.user() != null) {
            auth = BrokerConfig.Auth.userPassword(config.user(), config.password() == null ? "" : config.password());
        }
        return BrokerConfig.builder()
                .host(config.host())
                .port(config.port())
                .serverName(config.clusterId())
                .auth(auth)
                .tls(config.security().brokerTls())
                .users(config.security().users())
                .build();
    }

    /** The port NATS clients connect to: the embedded broker's bound port, or -1 with an external NATS. */
    public int natsPort() {
        return broker == null ? -1 : broker.port();
    }

    /** The bound monitoring port, or -1 when monitoring is off. */
    public int monitorPort() {
        return monitor == null ? -1 : monitor.port();
    }

    /** The address the monitoring endpoints listen on, or {@code null} when monitoring is off. */
    public InetSocketAddress monitorAddress() {
        return monitor == null ? null : monitor.address();
    }

    /** The streaming server. */
    public StreamingServer streaming() {
        return streaming;
    }

    /** What the streaming server holds now. */
    public ServerSnapshot snapshot() {
        return streaming.snapshot();
    }

    /** Stops everything; the store is flushed and closed when this returns. Later calls do nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        state.phase("stopping");
        streaming.close();
        if (broker != null) {
            broker.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }
}
