package io.natsjms.protocol;

import java.util.Objects;

/**
 * The internal subjects of one streaming cluster: where clients discover the server and send their
 * publish, subscribe, unsubscribe, close and ping requests. A server creates them once from its
 * cluster ID and persists them, so that clients connected before a restart keep working after it.
 *
 * @param discovery    subject of ConnectRequests ({@code _STAN.discover.<cluster>})
 * @param publish      prefix of publish subjects; a message for channel {@code c} goes to
 *                     {@code publish + "." + c}
 * @param subscribe    subject of SubscriptionRequests
 * @param unsubscribe  subject of UnsubscribeRequests that remove a subscription
 * @param subClose     subject of UnsubscribeRequests that close (keep) a durable
 * @param close        subject of CloseRequests
 * @param acks         the persisted, unused acks subject of the original server
 */
public record Subjects(String discovery, String publish, String subscribe, String unsubscribe,
                       String subClose, String close, String acks) {

    /** The default prefix of the discovery subject. */
    public static final String DEFAULT_DISCOVER_PREFIX = "_STAN.discover";

    public Subjects {
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(subscribe, "subscribe");
        Objects.requireNonNull(unsubscribe, "unsubscribe");
        Objects.requireNonNull(subClose, "subClose");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(acks, "acks");
    }

    /** The subjects the original server derives from a cluster ID with the default discover prefix. */
    public static Subjects forCluster(String clusterId) {
        return forCluster(DEFAULT_DISCOVER_PREFIX, clusterId);
    }

    /** The subjects derived from a cluster ID, with a custom discovery prefix. */
    public static Subjects forCluster(String discoverPrefix, String clusterId) {
        if (clusterId == null || clusterId.isEmpty()) {
            throw new IllegalArgumentException("clusterId: \"" + clusterId + "\" (expected: a non-empty ID)");
        }
        if (!ClientIds.isValid(clusterId)) {
            throw new IllegalArgumentException("clusterId: \"" + clusterId
                    + "\" (expected: only alphanumeric and `-` or `_` characters)");
        }
        return new Subjects(
                discoverPrefix + "." + clusterId,
                "_STAN.pub." + clusterId,
                "_STAN.sub." + clusterId,
                "_STAN.unsub." + clusterId,
                "_STAN.subclose." + clusterId,
                "_STAN.close." + clusterId,
                "_STAN.ack." + clusterId);
    }

    /** The subject clients send their PINGs to. */
    public String pings() {
        return discovery + ".pings";
    }

    /** The ack inbox the server makes for one subscription: under the acks subject, then a unique token. */
    public String ackInbox(String token) {
        return acks + "." + token;
    }

    /** Matches every ack inbox the server makes. */
    public String ackInboxWildcard() {
        return acks + ".>";
    }

    /** The wildcard subject the server subscribes to for all publishes. */
    public String publishWildcard() {
        return publish + ".>";
    }

    /** The subject a client publishes to for {@code channel}. */
    public String publishSubject(String channel) {
        return publish + "." + channel;
    }

    /**
     * The channel named by a publish subject, or {@code null} if the subject is not under
     * {@link #publish()}.
     */
    public String channelOf(String publishSubject) {
        int prefix = publish.length();
        if (publishSubject.length() <= prefix + 1
                || !publishSubject.startsWith(publish)
                || publishSubject.charAt(prefix) != '.') {
            return null;
        }
        return publishSubject.substring(prefix + 1);
    }
}
