package io.natsjms.server.broker;

/**
 * The {@code -ERR} texts of the broker, identical to those nats-server 2.9 sends (checked side by side
 * by the conformance suite). Clients such as jnats compare some of them.
 */
final class BrokerErrors {
    static final String UNKNOWN_PROTOCOL_OPERATION = "Unknown Protocol Operation";
    static final String MAX_CONTROL_LINE_EXCEEDED = "maximum control line exceeded";
    static final String MAX_PAYLOAD_VIOLATION = "Maximum Payload Violation";
    static final String MAX_CONNECTIONS_EXCEEDED = "maximum connections exceeded";
    static final String AUTHORIZATION_VIOLATION = "Authorization Violation";
    static final String AUTHENTICATION_TIMEOUT = "Authentication Timeout";
    static final String INVALID_SUBJECT = "Invalid Subject";
    static final String INVALID_PUBLISH_SUBJECT = "Invalid Publish Subject";
    static final String STALE_CONNECTION = "Stale Connection";
    static final String NO_RESPONDERS_REQUIRES_HEADERS = "no responders requires headers support";
    static final String TLS_REQUIRED = "Secure Connection - TLS Required";

    /** The error of a publish the client's permissions deny. */
    static String publishViolation(String subject) {
        return "Permissions Violation for Publish to " + quoted(subject);
    }

    /** The error of a subscription the client's permissions deny. */
    static String subscriptionViolation(String subject, String queue) {
        return "Permissions Violation for Subscription to " + quoted(subject)
                + (queue == null ? "" : " using queue " + quoted(queue));
    }

    /** A subject in double quotes, as Go's %q writes a printable one. */
    private static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private BrokerErrors() {
    }
}
