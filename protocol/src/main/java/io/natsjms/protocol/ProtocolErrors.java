package io.natsjms.protocol;

/**
 * The error strings the streaming server puts on the wire, spelled exactly as the original server
 * does. STAN clients compare some of them verbatim, so they must never be reworded (the misspelling
 * in {@link #channelCaseClash} is part of the protocol).
 */
public final class ProtocolErrors {

    public static final String INVALID_CONNECT_REQUEST = "stan: invalid connection request";
    public static final String INVALID_CLIENT_ID =
            "stan: invalid clientID: only alphanumeric and `-` or `_` characters allowed";
    public static final String CLIENT_ID_ALREADY_REGISTERED = "stan: clientID already registered";
    public static final String INVALID_PUBLISH_REQUEST = "stan: invalid publish request";
    public static final String TOO_MANY_CHANNELS = "too many channels";
    public static final String CHANNEL_BEING_DELETED = "stan: channel is being deleted";
    public static final String INVALID_SUBSCRIPTION_REQUEST = "stan: invalid subscription request";
    public static final String MISSING_CLIENT_ID = "stan: clientID missing";
    public static final String INVALID_ACK_WAIT = "stan: invalid ack wait time, should be >= 1s";
    public static final String INVALID_MAX_IN_FLIGHT = "stan: invalid MaxInflight, should be >= 1";
    public static final String INVALID_START_POSITION = "stan: invalid start position";
    public static final String INVALID_SUBJECT = "stan: invalid subject";
    public static final String UNKNOWN_CLIENT_ID = "stan: unknown clientID";
    public static final String INVALID_DURABLE_QUEUE_NAME =
            "stan: durable name of a durable queue subscriber can't contain the character ':'";
    public static final String DUPLICATE_DURABLE = "stan: duplicate durable registration";
    public static final String TOO_MANY_SUBSCRIPTIONS = "too many subscriptions per channel";
    public static final String INVALID_UNSUBSCRIBE_REQUEST = "stan: invalid unsubscribe request";
    public static final String UNKNOWN_CHANNEL = "stan: unknown channel";
    public static final String INVALID_SUBSCRIPTION = "stan: invalid subscription";
    public static final String INVALID_CLOSE_REQUEST = "stan: invalid close request";
    /**
     * Ours (the original stores such a message and then cannot deliver it): a publish whose delivery
     * would exceed the NATS server's max payload.
     */
    public static final String MESSAGE_TOO_LARGE = "stan: message too large to be delivered";
    /** Ours: the store failed in a way it did not describe; the details are in the server's log. */
    public static final String STORE_FAILED = "stan: store failure";
    public static final String CLIENT_REPLACED = "client has been replaced or is no longer registered";

    private ProtocolErrors() {
    }

    /**
     * The error for a channel whose name differs only by case from an existing one.
     *
     * @param rejected the name in the request
     * @param existing the name of the channel that already exists
     */
    public static String channelCaseClash(String rejected, String existing) {
        return "rejecting channel \"" + rejected + "\" because channel \"" + existing
                + "\" alreay exists (different cases not allowed)";
    }
}
