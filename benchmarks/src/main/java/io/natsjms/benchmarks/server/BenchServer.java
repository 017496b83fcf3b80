package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.ScratchDirectory;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.store.StoreLimits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh server for one run, in this JVM, on a free loopback port: either the whole natsjms server
 * (embedded broker + streaming server) on a given store in a new scratch directory, or the embedded
 * broker alone for the core-NATS ceiling. Closing it stops the server and deletes the directory.
 */
public final class BenchServer implements AutoCloseable {

    /** The cluster ID every streaming run uses. */
    public static final String CLUSTER_ID = "bench-cluster";

    private final AutoCloseable server;
    private final ScratchDirectory scratch;
    private final String url;

    private BenchServer(AutoCloseable server, ScratchDirectory scratch, int port) {
        this.server = server;
        this.scratch = scratch;
        this.url = "nats://127.0.0.1:" + port;
    }

    /**
     * Starts the streaming server on {@code store}; {@code mapdb} gets {@code fsync=always}.
     *
     * @param store  {@code mapdb} or {@code memory}
     * @param parent where the scratch directory is created
     */
    public static BenchServer streaming(String store, Path parent) throws IOException {
        return streaming(store, parent, StoreLimits.defaults());
    }

    /** As {@link #streaming(String, Path)}, with {@code limits} instead of the default store limits. */
    public static BenchServer streaming(String store, Path parent, StoreLimits limits) throws IOException {
        StoreType type = StoreType.parse(store);
        ScratchDirectory scratch = ScratchDirectory.create(parent, "server-" + store);
        try {
            NatsjmsServer server = NatsjmsServer.start(ServerConfig.builder()
                    .clusterId(CLUSTER_ID)
                    .host("127.0.0.1")
                    .port(0)
                    .storeType(type)
                    .storeLimits(limits)
                    .dataDir(scratch.path())
                    .storeOptions(type == StoreType.MAPDB ? Map.of("fsync", "always") : Map.of())
                    .build());
            return new BenchServer(server, scratch, server.natsPort());
        } catch (IOException | RuntimeException e) {
            scratch.close();
            throw e;
        }
    }

    /** Starts the embedded broker alone, as the streaming server would start it. */
    static BenchServer broker() throws IOException {
        NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
        return new BenchServer(broker, null, broker.port());
    }

    public String url() {
        return url;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            if (scratch != null) {
                scratch.close();
            }
        }
    }
}
