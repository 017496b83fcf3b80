package io.natsjms.jms;

import io.natsjms.protocol.ext.TxResponse;
import io.natsjms.stan.StanException;
import javax.transaction.xa.XAException;

/**
 * The one place where failures of an XA call become {@link XAException}s: the server's code and words, or
 * XAER_RMFAIL when the server could not be reached (no answer, NATS disconnected, connection closed), or
 * XAER_RMERR when the server has no transaction extension.
 */
final class XaFailures {

    private XaFailures() {
    }

    /** An XAException with {@code code} and a message. */
    static XAException of(int code, String message) {
        XAException failure = new XAException(message + " (XA code " + code + ")");
        failure.errorCode = code;
        return failure;
    }

    /** The server's refusal of {@code what}: its code, its error text. */
    static XAException refused(String what, TxResponse response) {
        return of(response.getXaCode(), what + ": " + (response.getError().isEmpty()
                ? "refused by the streaming server" : response.getError()));
    }

    /** A request that got no answer it could use. */
    static XAException of(String what, StanException cause) {
        int code = switch (cause.kind()) {
            case NOT_SUPPORTED, SERVER_ERROR, CONNECT_REFUSED, PERMISSION_DENIED -> XAException.XAER_RMERR;
            case TIMEOUT, IO, CLOSED, CONNECTION_LOST, INTERRUPTED -> XAException.XAER_RMFAIL;
        };
        XAException failure = of(code, what + ": " + cause.getMessage());
        failure.initCause(cause);
        return failure;
    }

    /** Whether {@code code} is one of the XA_RB* codes: the branch was rolled back. */
    static boolean rolledBack(int code) {
        return code >= XAException.XA_RBBASE && code <= XAException.XA_RBEND;
    }
}
