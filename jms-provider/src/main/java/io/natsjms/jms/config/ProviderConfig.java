package io.natsjms.jms.config;

import io.natsjms.jms.message.CodecOptions;
import io.natsjms.stan.StanSettings;
import io.natsjms.stan.SubscriptionSpec;
import io.natsjms.stan.TlsStores;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a connection of the provider is configured with; immutable. The connection factory
 * builds one from its URL and bean properties ({@link FactoryProperties}).
 *
 * @param servers         NATS URLs, tried in order
 * @param clusterId       the streaming server's cluster ID
 * @param clientId        the administratively configured JMS client ID, or {@code null}
 * @param user            the default NATS user ({@code createConnection()} without arguments), or {@code null}
 * @param password        the default NATS password, or {@code null}
 * @param connectTimeout  how long connecting (NATS and the STAN handshake) may take
 * @param pubAckTimeout   how long a send waits for the server's PubAck
 * @param maxInFlight     default server-side window of unacknowledged messages per consumer
 * @param ackWait         default redelivery delay of unacknowledged messages (whole seconds)
 * @param sendRawBodies   send only the body bytes (no JMS envelope), for consumers that are not JMS
 * @param codec           how received payloads are decoded
 * @param pingInterval    STAN client ping interval
 * @param pingMaxOut      unanswered pings before the connection is reported lost
 * @param clientIdPrefix  what the STAN client IDs of its connections start with ({@link ClientIdPrefix});
 *                        empty for none; {@code null} for this host's name
 * @param tls             the trust and key stores of TLS connections ({@link TlsStores#none()}: the JDK's
 *                        defaults, used by {@code tls://} URLs)
 */
public record ProviderConfig(List<String> servers, String clusterId, String clientId, String user,
                             String password, Duration connectTimeout, Duration pubAckTimeout,
                             int maxInFlight, Duration ackWait, boolean sendRawBodies, CodecOptions codec,
                             Duration pingInterval, int pingMaxOut, String clientIdPrefix, TlsStores tls) {

    /** The cluster ID of the original server's default configuration. */
    public static final String DEFAULT_CLUSTER_ID = "test-cluster";

    /** Checks the values. */
    public ProviderConfig {
        servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("servers: [] (expected: at least one NATS URL)");
        }
        Objects.requireNonNull(clusterId, "clusterId");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(pubAckTimeout, "pubAckTimeout");
        Objects.requireNonNull(ackWait, "ackWait");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(tls, "tls");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        if (ackWait.toMillis() < 1000 || ackWait.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("ackWait: " + ackWait + " (expected: whole seconds, >= 1s)");
        }
        clientIdPrefix = clientIdPrefix == null || clientIdPrefix.isEmpty() ? "" : ClientIdPrefix.parse("clientIdPrefix", clientIdPrefix);
    }

    /**
     * As the canonical constructor, without a client-ID prefix and without TLS stores (the
     * JDK's defaults).
     */
    public ProviderConfig(List<String> servers, String clusterId, String clientId, String user, String password,
                          Duration connectTimeout, Duration pubAckTimeout, int maxInFlight, Duration ackWait,
                          boolean sendRawBodies, CodecOptions codec, Duration pingInterval, int pingMaxOut) {
        this(servers, clusterId, clientId, user, password, connectTimeout, pubAckTimeout, maxInFlight, ackWait,
                sendRawBodies, codec, pingInterval, pingMaxOut, null, TlsStores.none());
    }

    /** The STAN client ID of a connection with JMS client ID {@code jmsClientId}. */
    public String stanClientId(String jmsClientId) {
        return ClientIdPrefix.stanClientId(clientIdPrefix, jmsClientId);
    }

    /** localhost:4222, cluster {@value #DEFAULT_CLUSTER_ID}, no client ID or credentials, client defaults. */
    public static ProviderConfig defaults() {
        return new ProviderConfig(List.of(StanSettings.DEFAULT_URL), DEFAULT_CLUSTER_ID, null, null, null,
                StanSettings.DEFAULT_CONNECT_WAIT, StanSettings.DEFAULT_PUB_ACK_WAIT,
                SubscriptionSpec.DEFAULT_MAX_IN_FLIGHT, SubscriptionSpec.DEFAULT_ACK_WAIT, false,
                CodecOptions.defaults(), StanSettings.DEFAULT_PING_INTERVAL, StanSettings.DEFAULT_PING_MAX_OUT, null, TlsStores.none());
    }

    /** Like the record's, without the password. */
    @Override
    public String toString() {
        return "ProviderConfig[servers=" + servers + ", clusterId=" + clusterId + ", clientId=" + clientId
                + ", user=" + user + ", connectTimeout=" + connectTimeout + ", pubAckTimeout=" + pubAckTimeout
                + ", maxInFlight=" + maxInFlight + ", ackWait=" + ackWait + ", sendRawBodies=" + sendRawBodies
                + ", codec=" + codec + ", clientIdPrefix=" + ClientIdPrefix.format(clientIdPrefix) + ", tls=" + tls + "]";
    }
}
