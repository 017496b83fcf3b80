package io.natsjms.server;

import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.monitor.MonitorServer;
import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.streaming.StreamingServer;
import java.io.IOException;

/**
 * A complete natsjms server as {@code java -jar} runs it: the embedded NATS broker (unless an
 * external NATS server is configured), the streaming server over it, and the monitoring endpoints
 * when a monitoring port is set. Closing it stops them in the reverse order.
 */
public final class NatsjmsServer implements AutoCloseable {

    private final NatsBroker broker;
    private final StreamingServer streaming;
    private final MonitorServer monitor;

    private NatsjmsServer(NatsBroker broker, StreamingServer streaming, MonitorServer monitor) {
        this.broker = broker;
        this.streaming = streaming;
        this.monitor = monitor;
    }

    /**
     * Starts everything {@code config} asks for.
     *
     * @throws IOException if a port can't be bound, NATS can't be reached, or another server
     *                     already serves the cluster ID
     */
    public static NatsjmsServer start(ServerConfig config) throws IOException {
        NatsBroker broker = null;
        StreamingServer streaming = null;
        try {
            String natsUrl = config.natsUrl();
            if (config.embeddedBroker()) {
                broker = NatsBroker.start(brokerConfig(config));
                natsUrl = broker.url();
            }
            streaming = StreamingServer.start(config, natsUrl);
            MonitorServer monitor = config.monitorPort() < 0 ? null
                    : MonitorServer.start(config.monitorHost(), config.monitorPort(), streaming::snapshot);
            return new NatsjmsServer(broker, streaming, monitor);
        } catch (IOException | RuntimeException e) {
            if (streaming != null) {
                streaming.close();
            }
            if (broker != null) {
                broker.close();
            }
            throw e;
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

    /** The streaming server. */
    public StreamingServer streaming() {
        return streaming;
    }

    /** What the streaming server holds now. */
    public ServerSnapshot snapshot() {
        return streaming.snapshot();
    }

    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        streaming.close();
        if (broker != null) {
            broker.close();
        }
    }
}
