package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.ScratchDirectory;
import io.natsjms.jms.NatsConnectionFactory;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The natsjms server in this JVM (embedded NATS broker + streaming server) on a free loopback port,
 * with the MapDB store in a fresh scratch directory — with its default options (so its default fsync
 * policy) unless the harness was given store options for a diagnosis — and the provider's
 * {@code NatsConnectionFactory} for it.
 */
final class NatsjmsBroker implements BenchBroker {

    static final String CLUSTER_ID = "bench-cluster";

    private final NatsjmsServer server;
    private final ScratchDirectory scratch;
    private final ConnectionFactory factory;

    private NatsjmsBroker(NatsjmsServer server, ScratchDirectory scratch, ConnectionFactory factory) {
        this.server = server;
        this.scratch = scratch;
        this.factory = factory;
    }

    /** @param storeOptions MapDB store options; empty for the store's defaults */
    static NatsjmsBroker start(Path parent, Map<String, String> storeOptions) throws IOException {
        ScratchDirectory scratch = ScratchDirectory.create(parent, "jms-natsjms");
        NatsjmsServer server = null;
        try {
            server = NatsjmsServer.start(ServerConfig.builder()
                    .clusterId(CLUSTER_ID)
                    .host("127.0.0.1")
                    .port(0)
                    .storeType(StoreType.MAPDB)
                    .dataDir(scratch.path())
                    .storeOptions(storeOptions)
                    .build());
            String url = "nats://127.0.0.1:" + server.natsPort() + "?clusterId=" + CLUSTER_ID;
            return new NatsjmsBroker(server, scratch, new NatsConnectionFactory(url));
        } catch (IOException | RuntimeException e) {
            if (server != null) {
                server.close();
            }
            scratch.close();
            throw e;
        }
    }

    @Override
    public ConnectionFactory connectionFactory() {
        return factory;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            scratch.close();
        }
    }
}
