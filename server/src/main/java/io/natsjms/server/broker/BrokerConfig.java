package io.natsjms.server.broker;

import io.netty.util.internal.PlatformDependent;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Configuration of the embedded core-NATS broker. Every limit defaults to the value nats-server uses,
 * so a client sees the same behaviour from both. Build one with {@link #builder()}; {@link #defaults()}
 * listens on all interfaces, port 4222, without authentication.
 *
 * @param host             address to bind ({@code 0.0.0.0} for all interfaces)
 * @param port             TCP port; 0 binds an ephemeral port (see {@link NatsBroker#port()})
 * @param serverName       name announced in INFO; {@code null} announces the server id
 * @param maxPayload       largest message payload (headers included) a client may publish, in bytes
 * @param maxConnections   largest number of client connections open at once
 * @param maxControlLine   longest protocol line (operation arguments) a client may send, in bytes
 * @param pingInterval     how often the broker PINGs each client
 * @param maxPingsOut      unanswered PINGs after which a connection is closed as stale
 * @param maxPending       outbound bytes buffered for one client before it is dropped as a slow consumer
 * @param maxPendingTotal  outbound bytes buffered for all clients together; past it, the clients holding more
 *                         than an equal share are dropped as slow consumers ({@code 0}: a quarter of the memory the
 *                         broker's buffers may use, see {@link #effectiveMaxPendingTotal()})
 * @param writeDeadline    how long a write to a client may stall before it is dropped as a slow consumer
 * @param authTimeout      how long a client has to send CONNECT when authentication is required
 * @param auth             credentials clients must present; {@link Auth#none()} when open
 * @param tls              TLS of the client port, or {@code null} for plain TCP
 * @param users            users with their permissions (nats-server's {@code authorization { users }}); empty
 *                         unless set, and then {@code auth} must be {@link Auth#none()}
 */
public record BrokerConfig(String host, int port, String serverName, int maxPayload, int maxConnections,
                           int maxControlLine, Duration pingInterval, int maxPingsOut, long maxPending,
                           long maxPendingTotal, Duration writeDeadline, Duration authTimeout, Auth auth,
                           BrokerTls tls, List<BrokerUser> users) {

    /** Default listen address: all interfaces. */
    public static final String DEFAULT_HOST = "0.0.0.0";
    /** Default client port of NATS. */
    public static final int DEFAULT_PORT = 4222;
    /** Default maximum payload: 1 MB. */
    public static final int DEFAULT_MAX_PAYLOAD = 1024 * 1024;
    /** Default maximum number of connections: 64K. */
    public static final int DEFAULT_MAX_CONNECTIONS = 64 * 1024;
    /** Default maximum control line: 4 KB. */
    public static final int DEFAULT_MAX_CONTROL_LINE = 4096;
    /** Default interval between server PINGs: 2 minutes. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofMinutes(2);
    /** Default number of unanswered PINGs before a connection is stale. */
    public static final int DEFAULT_MAX_PINGS_OUT = 2;
    /** Default outbound bytes pending per client before it is a slow consumer: 64 MB. */
    public static final long DEFAULT_MAX_PENDING = 64L * 1024 * 1024;
    /** Default write deadline: 10 seconds. */
    public static final Duration DEFAULT_WRITE_DEADLINE = Duration.ofSeconds(10);
    /** Default time to authenticate: 2 seconds. */
    public static final Duration DEFAULT_AUTH_TIMEOUT = Duration.ofSeconds(2);

    /** Validates every field; messages name the field, its value and what was expected. */
    public BrokerConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        positive("maxPayload", maxPayload);
        positive("maxConnections", maxConnections);
        if (maxControlLine < 16) {
            throw new IllegalArgumentException("maxControlLine: " + maxControlLine + " (expected: >= 16)");
        }
        positive("maxPingsOut", maxPingsOut);
        if (maxPending < maxPayload) {
            throw new IllegalArgumentException(
                    "maxPending: " + maxPending + " (expected: >= maxPayload " + maxPayload + ")");
        }
        if (maxPendingTotal != 0 && maxPendingTotal < maxPayload) {
            throw new IllegalArgumentException("maxPendingTotal: " + maxPendingTotal
                    + " (expected: 0 for automatic, or >= maxPayload " + maxPayload + ")");
        }
        positive("pingInterval", pingInterval);
        positive("writeDeadline", writeDeadline);
        positive("authTimeout", authTimeout);
        users = List.copyOf(Objects.requireNonNull(users, "users"));
        if (!users.isEmpty() && auth.required()) {
            throw new IllegalArgumentException("authorization: a users list and a single "
                    + (auth.token() != null ? "token" : "user '" + auth.user() + "'")
                    + " can't both be set (expected: one of them)");
        }
        Set<String> names = new HashSet<>();
        for (BrokerUser user : users) {
            if (!names.add(user.name())) {
                throw new IllegalArgumentException("authorization: user '" + user.name()
                        + "' listed twice (expected: each user once)");
            }
        }
    }

    /** Whether clients must authenticate: a user, a token or a users list is configured. */
    public boolean authRequired() {
        return auth.required() || !users.isEmpty();
    }

    private static void positive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: >= 1)");
        }
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
        }
    }

    /**
     * The budget of outbound bytes for all clients together: {@link #maxPendingTotal()}, or when that is
     * 0, a quarter of the memory the broker's buffers may take (the JVM's direct-memory limit, or its
     * heap when buffers live on the heap). A quarter, because the budget may be overshot by up to one
     * buffer per client, and buffers being filled for the next hand-over are not charged yet.
     */
    public long effectiveMaxPendingTotal() {
        if (maxPendingTotal > 0) {
            return maxPendingTotal;
        }
        long memory = PlatformDependent.directBufferPreferred()
                ? PlatformDependent.maxDirectMemory()
                : Runtime.getRuntime().maxMemory();
        return Math.max(maxPayload, memory / 4);
    }

    /** The defaults of nats-server: port 4222 on all interfaces, no authentication. */
    public static BrokerConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder().host(host).port(port).serverName(serverName).maxPayload(maxPayload)
                .maxConnections(maxConnections).maxControlLine(maxControlLine).pingInterval(pingInterval)
                .maxPingsOut(maxPingsOut).maxPending(maxPending).maxPendingTotal(maxPendingTotal).writeDeadline(writeDeadline)
                .authTimeout(authTimeout).auth(auth).tls(tls).users(users);
    }

    /**
     * Credentials a client must present in CONNECT: a user and password, a token, or nothing.
     *
     * @param user     user name, or {@code null}
     * @param password password of {@code user}
     * @param token    authorization token, or {@code null}
     */
    public record Auth(String user, String password, String token) {
        /** Rejects a token combined with a user, and a user without password. */
        public Auth {
            if (token != null && user != null) {
                throw new IllegalArgumentException("auth: both token and user '" + user
                        + "' set (expected: one of them)");
            }
            if (user != null && password == null) {
                throw new IllegalArgumentException("auth: user '" + user + "' has no password (expected: a password)");
            }
        }

        /** No authentication. */
        public static Auth none() {
            return new Auth(null, null, null);
        }

        /** User and password authentication. */
        public static Auth userPassword(String user, String password) {
            return new Auth(Objects.requireNonNull(user, "user"), Objects.requireNonNull(password, "password"), null);
        }

        /** Token authentication. */
        public static Auth token(String token) {
            return new Auth(null, null, Objects.requireNonNull(token, "token"));
        }

        /** Whether clients must authenticate. */
        public boolean required() {
            return user != null || token != null;
        }
    }

    /** Mutable builder of {@link BrokerConfig}, starting from the defaults. */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port = DEFAULT_PORT;
        private String serverName;
        private int maxPayload = DEFAULT_MAX_PAYLOAD;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxControlLine = DEFAULT_MAX_CONTROL_LINE;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int maxPingsOut = DEFAULT_MAX_PINGS_OUT;
        private long maxPending = DEFAULT_MAX_PENDING;
        private long maxPendingTotal;
        private Duration writeDeadline = DEFAULT_WRITE_DEADLINE;
        private Duration authTimeout = DEFAULT_AUTH_TIMEOUT;
        private Auth auth = Auth.none();
        private BrokerTls tls;
        private List<BrokerUser> users = List.of();

        private Builder() {
        }

        /** Sets the listen address. */
        public Builder host(String value) { host = value; return this; }
        /** Sets the port; 0 for an ephemeral one. */
        public Builder port(int value) { port = value; return this; }
        /** Sets the server name announced in INFO. */
        public Builder serverName(String value) { serverName = value; return this; }
        /** Sets the maximum payload in bytes. */
        public Builder maxPayload(int value) { maxPayload = value; return this; }
        /** Sets the maximum number of connections. */
        public Builder maxConnections(int value) { maxConnections = value; return this; }
        /** Sets the maximum control line length in bytes. */
        public Builder maxControlLine(int value) { maxControlLine = value; return this; }
        /** Sets the interval between server PINGs. */
        public Builder pingInterval(Duration value) { pingInterval = value; return this; }
        /** Sets the number of unanswered PINGs that makes a connection stale. */
        public Builder maxPingsOut(int value) { maxPingsOut = value; return this; }
        /** Sets the outbound bytes pending per client before it is a slow consumer. */
        public Builder maxPending(long value) { maxPending = value; return this; }
        /** Sets the outbound bytes pending for all clients together; 0 sizes it from the memory available. */
        public Builder maxPendingTotal(long value) { maxPendingTotal = value; return this; }
        /** Sets how long a write may stall before the client is a slow consumer. */
        public Builder writeDeadline(Duration value) { writeDeadline = value; return this; }
        /** Sets the time a client has to authenticate. */
        public Builder authTimeout(Duration value) { authTimeout = value; return this; }
        /** Sets the credentials clients must present. */
        public Builder auth(Auth value) { auth = value; return this; }
        /** Sets the TLS of the client port; {@code null} for plain TCP. */
        public Builder tls(BrokerTls value) { tls = value; return this; }
        /** Sets the users and their permissions. */
        public Builder users(List<BrokerUser> value) { users = value; return this; }

        /** Builds and validates the configuration. */
        public BrokerConfig build() {
            return new BrokerConfig(host, port, serverName, maxPayload, maxConnections, maxControlLine,
                    pingInterval, maxPingsOut, maxPending, maxPendingTotal, writeDeadline, authTimeout, auth, tls, users);
        }
    }
}
