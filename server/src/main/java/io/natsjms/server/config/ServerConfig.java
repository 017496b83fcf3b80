package io.natsjms.server.config;

import io.natsjms.protocol.ClientIds;
import io.natsjms.protocol.Subjects;
import io.natsjms.store.StoreLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the streaming server is configured with. Built with {@link #builder()}; the defaults
 * are those of the original server.
 *
 * @param clusterId      the cluster ID clients connect to
 * @param discoverPrefix prefix of the discovery subject
 * @param natsUrl        URL of an external NATS server, or {@code null} to run the embedded broker
 * @param host           listen address of the embedded broker
 * @param port           listen port of the embedded broker (0 = any free port)
 * @param user           user name for NATS authentication, or {@code null}
 * @param password       password for NATS authentication, or {@code null}
 * @param token          token for NATS authentication, or {@code null}
 * @param storeType      the kind of store
 * @param dataDir        the store's data directory (required for persistent stores)
 * @param storeLimits    channel and subscription limits
 * @param storeOptions   store-specific options (for example {@code fsync})
 * @param hbInterval     interval between heartbeats sent to each client
 * @param hbTimeout      how long to wait for a heartbeat reply
 * @param hbFailCount    consecutive missed heartbeats after which a client is closed
 * @param replaceDurable whether a subscribe for an online durable replaces it instead of failing
 * @param monitor        the monitoring endpoints: address (unless set, the embedded broker's {@code host},
 *                       as the original binds it), HTTP or HTTPS port, basic authentication
 * @param dupCheckTimeout how long a known client ID is probed before a new connect replaces it
 * @param dupWindow      how long a publish ID ({@code guid}) is remembered per channel, so that a publish
 *                       repeated with it (a retry after a lost PubAck) is acknowledged without being
 *                       stored again (a natsjms extension); {@link Duration#ZERO} turns this off
 * @param security       TLS and users of the embedded broker, TLS to an external NATS server
 */
public record ServerConfig(String clusterId, String discoverPrefix, String natsUrl, String host, int port,
                           String user, String password, String token, StoreType storeType, Path dataDir,
                           StoreLimits storeLimits, Map<String, String> storeOptions, Duration hbInterval,
                           Duration hbTimeout, int hbFailCount, boolean replaceDurable, MonitorConfig monitor,
                           Duration dupCheckTimeout, Duration dupWindow, SecuritySettings security) {

    public static final String DEFAULT_CLUSTER_ID = "test-cluster";
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 4222;
    public static final Duration DEFAULT_HB_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_HB_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_HB_FAIL_COUNT = 10;
    public static final Duration DEFAULT_DUP_CHECK_TIMEOUT = Duration.ofMillis(500);
    /** Two minutes, as JetStream's default duplicate window. */
    public static final Duration DEFAULT_DUP_WINDOW = Duration.ofMinutes(2);

    public ServerConfig {
        if (!ClientIds.isValid(clusterId)) {
            throw new IllegalArgumentException("cluster_id: \"" + clusterId
                    + "\" (expected: one or more of a-z, A-Z, 0-9, '-' and '_')");
        }
        Objects.requireNonNull(discoverPrefix, "discoverPrefix");
        Objects.requireNonNull(storeType, "storeType");
        Objects.requireNonNull(storeLimits, "storeLimits");
        storeOptions = Map.copyOf(storeOptions);
        Objects.requireNonNull(dupWindow, "dupWindow");
        if (dupWindow.isNegative()) {
            throw new IllegalArgumentException("dup_window: " + dupWindow + " (expected: >= 0, 0 = off)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 to 65535)");
        }
        Objects.requireNonNull(monitor, "monitor");
        requirePositive("hb_interval", hbInterval);
        requirePositive("hb_timeout", hbTimeout);
        requirePositive("dup_check_timeout", dupCheckTimeout);
        if (hbFailCount < 0) {
            throw new IllegalArgumentException("hb_fail_count: " + hbFailCount + " (expected: >= 0)");
        }
        if (storeType != StoreType.MEMORY && dataDir == null) {
            throw new IllegalArgumentException("dir: not set (expected: a data directory for the "
                    + storeType + " store)");
        }
        if (token != null && user != null) {
            throw new IllegalArgumentException("auth: a token and a user can't both be set");
        }
        Objects.requireNonNull(security, "security");
        if (natsUrl == null && !security.users().isEmpty() && (user != null || token != null)) {
            throw new IllegalArgumentException("authorization: a users list and a single "
                    + (token != null ? "token" : "user '" + user + "'")
                    + " can't both be set (expected: one of them)");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** The internal subjects a new store is initialised with. */
    public Subjects subjects() {
        return Subjects.forCluster(discoverPrefix, clusterId);
    }

    /** Whether the server runs its own broker rather than using an external NATS server. */
    public boolean embeddedBroker() {
        return natsUrl == null;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder pre-filled with the defaults. */
    public Builder toBuilder() {
        return new Builder().clusterId(clusterId).discoverPrefix(discoverPrefix).natsUrl(natsUrl).host(host)
                .port(port).user(user).password(password).token(token).storeType(storeType).dataDir(dataDir)
                .storeLimits(storeLimits).storeOptions(storeOptions).hbInterval(hbInterval).hbTimeout(hbTimeout)
                .hbFailCount(hbFailCount).replaceDurable(replaceDurable).monitorPort(monitor.httpPort())
                .monitorHost(monitor.host()).httpsPort(monitor.httpsPort()).monitorTls(monitor.tls())
                .monitorAuth(monitor.auth()).dupCheckTimeout(dupCheckTimeout)
                .dupWindow(dupWindow).security(security);
    }

    /** Builds a {@link ServerConfig}; every setter has the original server's default. */
    public static final class Builder {
        private String clusterId = DEFAULT_CLUSTER_ID;
        private String discoverPrefix = Subjects.DEFAULT_DISCOVER_PREFIX;
        private String natsUrl;
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String user;
        private String password;
        private String token;
        private StoreType storeType = StoreType.MEMORY;
        private Path dataDir;
        private StoreLimits storeLimits = StoreLimits.defaults();
        private Map<String, String> storeOptions = Map.of();
        private Duration hbInterval = DEFAULT_HB_INTERVAL;
        private Duration hbTimeout = DEFAULT_HB_TIMEOUT;
        private int hbFailCount = DEFAULT_HB_FAIL_COUNT;
        private boolean replaceDurable;
        private int monitorPort = -1;
        /** Null: the same as {@link #host}. */
        private String monitorHost;
        private int httpsPort = -1;
        private MonitorConfig.Tls monitorTls;
        private MonitorConfig.BasicAuth monitorAuth;
        private Duration dupCheckTimeout = DEFAULT_DUP_CHECK_TIMEOUT;
        private Duration dupWindow = DEFAULT_DUP_WINDOW;
        private SecuritySettings security = SecuritySettings.none();

        private Builder() {
        }

        public Builder clusterId(String value) { clusterId = value; return this; }
        public Builder discoverPrefix(String value) { discoverPrefix = value; return this; }
        public Builder natsUrl(String value) { natsUrl = value; return this; }
        public Builder host(String value) { host = value; return this; }
        public Builder port(int value) { port = value; return this; }
        public Builder user(String value) { user = value; return this; }
        public Builder password(String value) { password = value; return this; }
        public Builder token(String value) { token = value; return this; }
        public Builder storeType(StoreType value) { storeType = value; return this; }
        public Builder dataDir(Path value) { dataDir = value; return this; }
        public Builder storeLimits(StoreLimits value) { storeLimits = value; return this; }
        public Builder storeOptions(Map<String, String> value) { storeOptions = value; return this; }
        public Builder hbInterval(Duration value) { hbInterval = value; return this; }
        public Builder hbTimeout(Duration value) { hbTimeout = value; return this; }
        public Builder hbFailCount(int value) { hbFailCount = value; return this; }
        public Builder replaceDurable(boolean value) { replaceDurable = value; return this; }
        public Builder monitorPort(int value) { monitorPort = value; return this; }
        public Builder monitorHost(String value) { monitorHost = value; return this; }
        public Builder httpsPort(int value) { httpsPort = value; return this; }
        public Builder monitorTls(MonitorConfig.Tls value) { monitorTls = value; return this; }
        public Builder monitorAuth(MonitorConfig.BasicAuth value) { monitorAuth = value; return this; }
        public Builder dupCheckTimeout(Duration value) { dupCheckTimeout = value; return this; }
        public Builder dupWindow(Duration value) { dupWindow = value; return this; }
        public Builder security(SecuritySettings value) { security = value; return this; }

        public ServerConfig build() {
            return new ServerConfig(clusterId, discoverPrefix, natsUrl, host, port, user, password, token,
                    storeType, dataDir, storeLimits, storeOptions, hbInterval, hbTimeout, hbFailCount,
                    replaceDurable, new MonitorConfig(monitorHost == null ? host : monitorHost, monitorPort, httpsPort,
                    monitorTls, monitorAuth), dupCheckTimeout, dupWindow, security);
        }
    }
}
