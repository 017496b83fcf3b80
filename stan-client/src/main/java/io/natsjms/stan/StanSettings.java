package io.natsjms.stan;

import io.natsjms.protocol.ClientIds;
import io.natsjms.protocol.Subjects;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;

/**
 * How a {@link StanConnection} connects: where (NATS URLs, credentials), as whom (cluster and
 * client ID), and its timers. Build one with {@link #builder(String, String)}; the defaults are the
 * {@code DEFAULT_*} constants. Every value is checked on construction and an invalid one is
 * rejected with a message naming it and what was expected.
 *
 * @param clusterId          the streaming cluster ID (the server's {@code -cid})
 * @param clientId           this client's ID, unique in the cluster
 * @param servers            NATS server URLs, tried in order
 * @param user               NATS user, or {@code null}
 * @param password           NATS password (only with a user), or {@code null}
 * @param token              NATS token (not with a user), or {@code null}
 * @param connectionName     the NATS connection name the server shows in its monitoring
 * @param discoverPrefix     prefix of the discover subject the server listens on
 * @param connectWait        how long to wait for the reply to a connect, subscribe, unsubscribe
 *                           or close request
 * @param pubAckWait         how long a publish waits for its PubAck before failing with a timeout
 * @param maxPubAcksInFlight how many publishes may await their PubAck; a further publish blocks
 * @param pingInterval       interval of client PINGs (whole seconds on the wire; below one second
 *                           sent as negative milliseconds, which servers accept in test mode)
 * @param pingMaxOut         how many PINGs in a row may go unanswered before the connection is lost
 * @param publishAttempts    how many times a publish is sent, always with its guid, until the server
 *                           acknowledges it: again after its PubAck did not come within
 *                           {@code pubAckWait}, or after it could not be written while NATS
 *                           reconnects (then once NATS is back, or {@code pubAckWait} later). A
 *                           natsjms server drops the repeats it already stored (its duplicate window);
 *                           the original server stores each. 1 = never again
 * @param reconnectWait      pause between NATS reconnect attempts (attempts never stop)
 * @param reconnectBufferSize bytes jnats buffers while reconnecting; 0 (default) disables the buffer,
 *                           so a publish during a disconnect fails at once instead of being sent
 *                           late, after its PubAck already timed out
 * @param threadFactory      makes the connection's timer thread and, when set, the threads of the
 *                           NATS connection (reader, writer, dispatchers); {@code null} = daemon
 *                           threads named after the client ID and jnats' own threads
 * @param sslContext         the TLS context of the NATS connection (used with {@code tls://} URLs, or with any
 *                           URL when the server requires TLS), or {@code null}: {@code tls://} URLs then use the
 *                           JDK's default context
 */
public record StanSettings(String clusterId, String clientId, List<String> servers, String user,
                           String password, String token, String connectionName, String discoverPrefix,
                           Duration connectWait, Duration pubAckWait, int maxPubAcksInFlight,
                           int publishAttempts, Duration pingInterval, int pingMaxOut, Duration reconnectWait,
                           long reconnectBufferSize, ThreadFactory threadFactory, SSLContext sslContext) {

    /** The NATS URL used when none is given. */
    public static final String DEFAULT_URL = "nats://localhost:4222";
    /** Same as the Go client's {@code DefaultConnectWait}. */
    public static final Duration DEFAULT_CONNECT_WAIT = Duration.ofSeconds(2);
    /** Same as both official clients. */
    public static final Duration DEFAULT_PUB_ACK_WAIT = Duration.ofSeconds(30);
    /** Same as both official clients. */
    public static final int DEFAULT_MAX_PUB_ACKS_IN_FLIGHT = 16384;
    /** A publish is sent up to three times (the official clients send it once). */
    public static final int DEFAULT_PUBLISH_ATTEMPTS = 3;
    /** Same as both official clients. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(5);
    /**
     * 88, as the Go client since 2021: 88 × 5 s ≈ 440 s matches how long the server itself waits
     * before dropping a silent client (30 s heartbeats × 10 failures + timeouts). A server restart
     * shorter than that recovers the client and its subscriptions, so giving up earlier (the Java
     * client's 3, i.e. 15 s) would needlessly kill a session the server still holds. A server that no
     * longer knows the client answers the PING with an error, which is reported at once.
     */
    public static final int DEFAULT_PING_MAX_OUT = 88;
    /** Same as the Go client's NATS default. */
    public static final Duration DEFAULT_RECONNECT_WAIT = Duration.ofSeconds(2);

    public StanSettings {
        ClientIds.requireValid(clientId);
        if (!ClientIds.isValid(clusterId)) {
            throw new IllegalArgumentException("clusterId: \"" + clusterId
                    + "\" (expected: one or more of a-z, A-Z, 0-9, '-' and '_')");
        }
        Objects.requireNonNull(servers, "servers");
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("servers: [] (expected: at least one NATS URL)");
        }
        servers = List.copyOf(servers);
        for (String url : servers) {
            if (url.isBlank()) {
                throw new IllegalArgumentException("servers: " + servers + " (expected: no blank URL)");
            }
        }
        if (token != null && user != null) {
            throw new IllegalArgumentException("token and user: both set (expected: one of them)");
        }
        if (password != null && user == null) {
            throw new IllegalArgumentException("password: set without a user (expected: a user with it)");
        }
        if (connectionName == null) {
            connectionName = clientId;
        }
        if (discoverPrefix == null || discoverPrefix.isBlank()) {
            throw new IllegalArgumentException("discoverPrefix: \"" + discoverPrefix
                    + "\" (expected: a non-blank subject prefix)");
        }
        requirePositive("connectWait", connectWait);
        requirePositive("pubAckWait", pubAckWait);
        requirePositive("pingInterval", pingInterval);
        requirePositive("reconnectWait", reconnectWait);
        if (maxPubAcksInFlight < 1) {
            throw new IllegalArgumentException("maxPubAcksInFlight: " + maxPubAcksInFlight + " (expected: >= 1)");
        }
        if (publishAttempts < 1) {
            throw new IllegalArgumentException("publishAttempts: " + publishAttempts + " (expected: >= 1)");
        }
        if (pingMaxOut < 2) {
            throw new IllegalArgumentException("pingMaxOut: " + pingMaxOut + " (expected: >= 2)");
        }
        if (pingInterval.compareTo(Duration.ofSeconds(1)) >= 0 && pingInterval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("pingInterval: " + pingInterval
                    + " (expected: whole seconds, or below one second)");
        }
        if (reconnectBufferSize < 0) {
            throw new IllegalArgumentException("reconnectBufferSize: " + reconnectBufferSize + " (expected: >= 0)");
        }
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /** A builder with every default set, for {@code clientId} in cluster {@code clusterId}. */
    public static Builder builder(String clusterId, String clientId) {
        return new Builder(clusterId, clientId);
    }

    /** The subject ConnectRequests go to: {@code <discoverPrefix>.<clusterId>}. */
    public String discoverSubject() {
        return Subjects.forCluster(discoverPrefix, clusterId).discovery();
    }

    /**
     * The ping interval as STAN puts it on the wire: seconds, or negative milliseconds below one
     * second.
     */
    int pingIntervalOnWire() {
        return pingInterval.compareTo(Duration.ofSeconds(1)) >= 0
                ? (int) pingInterval.toSeconds()
                : (int) -Math.max(1, pingInterval.toMillis());
    }

    /** Like the record's, without the password and token. */
    @Override
    public String toString() {
        return "StanSettings[clusterId=" + clusterId + ", clientId=" + clientId + ", servers=" + servers
                + ", user=" + user + ", password=" + (password == null ? null : "****")
                + ", token=" + (token == null ? null : "****") + ", connectionName=" + connectionName
                + ", discoverPrefix=" + discoverPrefix + ", connectWait=" + connectWait
                + ", pubAckWait=" + pubAckWait + ", maxPubAcksInFlight=" + maxPubAcksInFlight
                + ", publishAttempts=" + publishAttempts
                + ", pingInterval=" + pingInterval + ", pingMaxOut=" + pingMaxOut
                + ", reconnectWait=" + reconnectWait + ", reconnectBufferSize=" + reconnectBufferSize
                + ", tls=" + (sslContext != null) + "]";
    }

    /** Builds {@link StanSettings}; every setter returns the builder. */
    public static final class Builder {
        private final String clusterId;
        private final String clientId;
        private List<String> servers = List.of(DEFAULT_URL);
        private String user;
        private String password;
        private String token;
        private String connectionName;
        private String discoverPrefix = Subjects.DEFAULT_DISCOVER_PREFIX;
        private Duration connectWait = DEFAULT_CONNECT_WAIT;
        private Duration pubAckWait = DEFAULT_PUB_ACK_WAIT;
        private int maxPubAcksInFlight = DEFAULT_MAX_PUB_ACKS_IN_FLIGHT;
        private int publishAttempts = DEFAULT_PUBLISH_ATTEMPTS;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int pingMaxOut = DEFAULT_PING_MAX_OUT;
        private Duration reconnectWait = DEFAULT_RECONNECT_WAIT;
        private long reconnectBufferSize;
        private ThreadFactory threadFactory;
        private SSLContext sslContext;

        private Builder(String clusterId, String clientId) {
            this.clusterId = clusterId;
            this.clientId = clientId;
        }

        public Builder servers(List<String> value) { servers = value; return this; }
        public Builder servers(String... value) { servers = List.of(value); return this; }
        public Builder userInfo(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }
        public Builder token(String value) { token = value; return this; }
        public Builder connectionName(String value) { connectionName = value; return this; }
        public Builder discoverPrefix(String value) { discoverPrefix = value; return this; }
        public Builder connectWait(Duration value) { connectWait = value; return this; }
        public Builder pubAckWait(Duration value) { pubAckWait = value; return this; }
        public Builder maxPubAcksInFlight(int value) { maxPubAcksInFlight = value; return this; }
        public Builder publishAttempts(int value) { publishAttempts = value; return this; }
        public Builder pingInterval(Duration value) { pingInterval = value; return this; }
        public Builder pingMaxOut(int value) { pingMaxOut = value; return this; }
        public Builder reconnectWait(Duration value) { reconnectWait = value; return this; }
        public Builder reconnectBufferSize(long value) { reconnectBufferSize = value; return this; }
        public Builder threadFactory(ThreadFactory value) { threadFactory = value; return this; }
        public Builder sslContext(SSLContext value) { sslContext = value; return this; }

        /** @throws IllegalArgumentException naming the first invalid value */
        public StanSettings build() {
            return new StanSettings(clusterId, clientId, servers, user, password, token, connectionName,
                    discoverPrefix, connectWait, pubAckWait, maxPubAcksInFlight, publishAttempts, pingInterval,
                    pingMaxOut, reconnectWait, reconnectBufferSize, threadFactory, sslContext);
        }
    }
}
