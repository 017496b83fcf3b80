package io.natsjms.protocol;

/**
 * The natsjms extensions of the STAN protocol: their subjects and error strings. An extension is a
 * request/reply on a subject of its own, derived from the cluster's discover subject; it never changes
 * a STAN message (messages in {@code natsjms_ext.proto}, Java package {@code io.natsjms.protocol.ext}).
 * The original server does not subscribe to these subjects, so a request to it gets "no responders"
 * or no reply at all, and a client must then do without the extension.
 */
public final class Extensions {

    /** What follows the discover subject in the browse subject. */
    public static final String BROWSE_SUFFIX = ".natsjms.browse";

    /** What follows the discover subject in the schedule subject. */
    public static final String SCHEDULE_SUFFIX = ".natsjms.schedule";

    /** The browse request could not be decoded. */
    public static final String INVALID_BROWSE_REQUEST = "natsjms: invalid browse request";
    /** The schedule request could not be decoded. */
    public static final String INVALID_SCHEDULE_REQUEST = "natsjms: invalid schedule request";
    /** The browse request named no queue group. */
    public static final String MISSING_QUEUE_GROUP = "natsjms: queue group missing";

    private Extensions() {
    }

    /**
     * The subject of BrowseRequests for the cluster whose ConnectRequests go to
     * {@code discoverySubject}: {@code <discoverySubject>.natsjms.browse}, e.g.
     * {@code _STAN.discover.test-cluster.natsjms.browse}.
     */
    public static String browseSubject(String discoverySubject) {
        return requireDiscovery(discoverySubject) + BROWSE_SUFFIX;
    }


    /**
     * The subject of ScheduleRequests (publishes with a delivery time) for the cluster whose
     * ConnectRequests go to {@code discoverySubject}: {@code <discoverySubject>.natsjms.schedule}.
     */
    public static String scheduleSubject(String discoverySubject) {
        return requireDiscovery(discoverySubject) + SCHEDULE_SUFFIX;
    }

    /** The schedule subject of a cluster. */
    public static String scheduleSubject(Subjects subjects) {
        return scheduleSubject(subjects.discovery());
    }

    /** The browse subject of a cluster. */
    public static String browseSubject(Subjects subjects) {
        return browseSubject(subjects.discovery());
    }

    // ---- selective queue subscriptions ----

    /** What follows the discover subject in the selective subscription subject. */
    public static final String SUBSCRIBE_SUFFIX = ".natsjms.subscribe";
    /** The selective subscription request could not be decoded. */
    public static final String INVALID_SELECTIVE_SUBSCRIPTION = "natsjms: invalid selective subscription request";
    /** A selector was given for a subscription that is not a queue-group member. */
    public static final String SELECTOR_NEEDS_QUEUE_GROUP = "natsjms: a selector needs a queue group";
    /** The start of the error for a selector that does not parse; the parser's reason follows. */
    public static final String INVALID_SELECTOR = "natsjms: invalid selector";

    /**
     * The subject of SelectiveSubscriptionRequests for the cluster whose ConnectRequests go to
     * {@code discoverySubject}: {@code <discoverySubject>.natsjms.subscribe}.
     */
    public static String subscribeSubject(String discoverySubject) {
        return requireDiscovery(discoverySubject) + SUBSCRIBE_SUFFIX;
    }

    /** The selective subscription subject of a cluster. */
    public static String subscribeSubject(Subjects subjects) {
        return subscribeSubject(subjects.discovery());
    }

    // ---- transactions (XA) ----

    /** What follows the discover subject in the transaction subject. */
    public static final String TX_SUFFIX = ".natsjms.tx";
    /** The transaction request could not be decoded. */
    public static final String INVALID_TX_REQUEST = "natsjms: invalid transaction request";

    /**
     * The subject of TxRequests (XA transaction branches) for the cluster whose ConnectRequests go to
     * {@code discoverySubject}: {@code <discoverySubject>.natsjms.tx}.
     */
    public static String txSubject(String discoverySubject) {
        return requireDiscovery(discoverySubject) + TX_SUFFIX;
    }

    /** The transaction subject of a cluster. */
    public static String txSubject(Subjects subjects) {
        return txSubject(subjects.discovery());
    }

    // ---- batched acknowledgements ----

    /** What follows the discover subject in the ack batch subject. */
    public static final String ACKS_SUFFIX = ".natsjms.acks";
    /** The ack batch could not be decoded. */
    public static final String INVALID_ACK_BATCH = "natsjms: invalid ack batch";
    /** The ack batch named a channel or ack inbox that has no live subscription. */
    public static final String UNKNOWN_ACK_INBOX = "natsjms: unknown subscription for ack batch";

    /**
     * The subject of AckBatch requests (many acknowledgements of one subscription) for the cluster whose
     * ConnectRequests go to {@code discoverySubject}: {@code <discoverySubject>.natsjms.acks}.
     */
    public static String acksSubject(String discoverySubject) {
        return requireDiscovery(discoverySubject) + ACKS_SUFFIX;
    }

    /** The ack batch subject of a cluster. */
    public static String acksSubject(Subjects subjects) {
        return acksSubject(subjects.discovery());
    }

    private static String requireDiscovery(String discoverySubject) {
        if (discoverySubject == null || discoverySubject.isEmpty()) {
            throw new IllegalArgumentException("discoverySubject: \"" + discoverySubject
                    + "\" (expected: a non-empty subject such as _STAN.discover.<cluster>)");
        }
        return discoverySubject;
    }
}
