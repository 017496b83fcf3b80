package io.natsjms.jms;

import io.natsjms.stan.StanException;
import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.ResourceAllocationException;
import java.util.Locale;

/**
 * The one place where failures of the STAN client layer become the JMS exceptions the specification
 * names. The STAN server's error string, when there is one, is kept as the message.
 */
final class JmsExceptions {

    private JmsExceptions() {
    }

    /** The JMS exception for {@code failure} while doing {@code what} (e.g. "subscribe to topic orders"). */
    static JMSException of(String what, StanException failure) {
        String text = failure.getMessage() == null ? "" : failure.getMessage();
        String lower = text.toLowerCase(Locale.ROOT);
        String message = what + ": " + text;
        JMSException translated = switch (failure.kind()) {
            case CONNECT_REFUSED -> lower.contains("clientid already registered")
                    ? new InvalidClientIDException(message) : new JMSException(message);
            case IO -> lower.contains("authorization") || lower.contains("authentication")
                    ? new JMSSecurityException(message) : new JMSException(message);
            case CLOSED, CONNECTION_LOST -> new IllegalStateException(message);
            case SERVER_ERROR -> serverError(message, lower);
            case TIMEOUT, INTERRUPTED, NOT_SUPPORTED -> new JMSException(message);
            case PERMISSION_DENIED -> new JMSSecurityException(message);
        };
        translated.setLinkedException(failure);
        translated.initCause(failure);
        return translated;
    }

    private static JMSException serverError(String message, String lower) {
        if (lower.contains("invalid subject") || lower.contains("invalid channel")) {
            return new InvalidDestinationException(message);
        }
        if (lower.contains("duplicate durable") || lower.contains("duplicate subscription")) {
            return new IllegalStateException(message);
        }
        if (lower.contains("too many") || lower.contains("limit")) {
            return new ResourceAllocationException(message);
        }
        return new JMSException(message);
    }

    /** A JMS exception for an unexpected failure, with {@code cause} linked. */
    static JMSException of(String what, Exception cause) {
        if (cause instanceof JMSException jms) {
            return jms;
        }
        if (cause instanceof StanException stan) {
            return of(what, stan);
        }
        JMSException translated = new JMSException(what + ": " + cause);
        translated.setLinkedException(cause);
        translated.initCause(cause);
        return translated;
    }
}
