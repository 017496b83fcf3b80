package io.natsjms.tck;

import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.store.StoreLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;

/**
 * The one natsjms server of this JVM: the embedded broker on a free loopback port and the streaming
 * server over it, with a memory store and no limits. Started on first use, closed when the JVM exits.
 */
final class TckServer {

    static final String CLUSTER_ID = "natsjms-tck";

    private static final System.Logger LOG = System.getLogger(TckServer.class.getName());
    private static TckServer instance;

    private final NatsjmsServer server;
    private final TckCredentials credentials;

    private TckServer(NatsjmsServer server, TckCredentials credentials) {
        this.server = server;
        this.credentials = credentials;
    }

    /**
     * The server of this JVM, started with the credentials of the system properties the first time.
     *
     * @throws UncheckedIOException if the server can't start
     */
    static synchronized TckServer get() {
        if (instance == null) {
            instance = start(TckCredentials.fromSystemProperties());
            Runtime.getRuntime().addShutdownHook(new Thread(instance.server::close, "tck-server-shutdown"));
        }
        return instance;
    }

    private static TckServer start(TckCredentials credentials) {
        ServerConfig config = ServerConfig.builder()
                .clusterId(CLUSTER_ID)
                .host("127.0.0.1")
                .port(0)
                .user(credentials.user())
                .password(credentials.password())
                .storeType(StoreType.MEMORY)
                .storeLimits(StoreLimits.unlimited())
                .build();
        try {
            NatsjmsServer server = NatsjmsServer.start(config);
            LOG.log(Level.INFO, "TCK server started: cluster {0}, port {1}, {2}",
                    CLUSTER_ID, server.natsPort(), credentials);
            return new TckServer(server, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException("TCK server: could not start cluster " + CLUSTER_ID, e);
        }
    }

    /** The URL NATS clients connect to. */
    String natsUrl() {
        return "nats://127.0.0.1:" + server.natsPort();
    }

    /** The credentials the broker requires, or {@link TckCredentials#none()}. */
    TckCredentials credentials() {
        return credentials;
    }
}
