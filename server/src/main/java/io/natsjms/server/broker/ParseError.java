package io.natsjms.server.broker;

/**
 * Why {@link ProtocolParser} gave up on a connection. After any of these the parser ignores further
 * input and the connection must be closed, after sending {@code -ERR '<text>'} when {@link #errText()}
 * is not {@code null} (nats-server closes without a word on malformed arguments).
 */
enum ParseError {
    /** An operation name nobody knows, or bytes out of place after a payload. */
    UNKNOWN_OPERATION(BrokerErrors.UNKNOWN_PROTOCOL_OPERATION),
    /** Operation arguments longer than the configured maximum control line. */
    MAX_CONTROL_LINE(BrokerErrors.MAX_CONTROL_LINE_EXCEEDED),
    /** A PUB or HPUB announcing more bytes than the maximum payload. */
    MAX_PAYLOAD(BrokerErrors.MAX_PAYLOAD_VIOLATION),
    /** Arguments of a known operation that do not parse: wrong count, bad sizes, HPUB without headers. */
    BAD_ARGUMENTS(null),
    /** The client sent {@code -ERR}: nats-server drops such a client. */
    CLIENT_ERROR(null);

    private final String errText;

    ParseError(String errText) {
        this.errText = errText;
    }

    /** The text to send in {@code -ERR}, or {@code null} to close without one. */
    String errText() {
        return errText;
    }
}
