package io.natsjms.stan;

import java.util.Objects;

/**
 * A failure of the STAN client. {@link #kind()} says what class of failure it is, so a caller can
 * react to (or translate) it in one place; when the streaming server refused a request,
 * {@link #serverError()} is the server's error string, verbatim.
 */
public final class StanException extends Exception {

    private static final long serialVersionUID = 1L;

    /** The class of a failure. */
    public enum Kind {
        /** The streaming server refused the connect request (e.g. a client ID already registered). */
        CONNECT_REFUSED,
        /** No reply arrived in time: no streaming server, a publish ack, or a request timed out. */
        TIMEOUT,
        /** The streaming server answered a request with an error string. */
        SERVER_ERROR,
        /** The connection or subscription was closed (by the application) before or during the call. */
        CLOSED,
        /** The connection was lost: PINGs unanswered, or the server no longer knows this client. */
        CONNECTION_LOST,
        /** The NATS transport failed (cannot connect, cannot write while reconnecting). */
        IO,
        /**
         * No streaming server answered a natsjms extension request at all (NATS "no responders"): the
         * server does not offer the extension (the original server), or none is running.
         */
        NOT_SUPPORTED,
        /** The calling thread was interrupted while it waited. */
        INTERRUPTED,
        /** The NATS server's permissions denied this user what the call needed (a publish to the channel). */
        PERMISSION_DENIED
    }

    private final Kind kind;
    private final String serverError;

    StanException(Kind kind, String message) {
        this(kind, message, null, null);
    }

    StanException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, cause);
    }

    private StanException(Kind kind, String message, String serverError, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.serverError = serverError;
    }

    /** An error string the server sent; the message is exactly that string. */
    static StanException fromServer(Kind kind, String serverError) {
        return new StanException(kind, serverError, serverError, null);
    }

    /** The class of this failure. */
    public Kind kind() {
        return kind;
    }

    /** The server's error string, exactly as sent, or {@code null} if the server sent none. */
    public String serverError() {
        return serverError;
    }
}
