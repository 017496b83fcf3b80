package io.natsjms.examples.orders;

import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.resource.ResourceException;
import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.SystemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.Map;
import javax.transaction.xa.XAException;

/**
 * The answer when the streaming server cannot take a send: {@code 503} with {@code {"error": ...}}, and one
 * log line per failed request (the stack trace only at debug level, logger
 * {@code io.natsjms.examples.orders.StreamingUnavailable}). The resource answers so itself when the send fails
 * in the request; as an exception mapper it answers so when the container reports that the request's
 * transaction could not complete. The streaming server is the only resource in this application's
 * transactions, and the adapter publishes when they commit, so such a failure means the send failed (the
 * servers wrap it differently: Payara as a {@code SystemException} whose {@code XAException} names the JMS
 * error in its message only). Any other exception stays a {@code 500}.
 */
@Provider
public class StreamingUnavailable implements ExceptionMapper<EJBException> {

    private static final System.Logger LOG = System.getLogger(StreamingUnavailable.class.getName());

    /** Logs the failed send of {@code what} and answers 503. */
    static Response answer(String what, Exception failure) {
        String reason = String.valueOf(failure.getMessage());
        LOG.log(Level.WARNING, "{0} not sent, streaming server unavailable: {1}", what, reason);
        LOG.log(Level.DEBUG, "the failed send of " + what, failure);
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "streaming server unavailable: " + reason)).build();
    }

    @Override
    public Response toResponse(EJBException exception) {
        boolean sendFailed = false;
        Throwable deepest = exception;
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            sendFailed |= cause instanceof JMSException || cause instanceof JMSRuntimeException
                    || cause instanceof ResourceException || cause instanceof SystemException
                    || cause instanceof RollbackException || cause instanceof HeuristicMixedException
                    || cause instanceof HeuristicRollbackException || cause instanceof XAException;
            if (cause.getMessage() != null) {
                deepest = cause;
            }
        }
        if (sendFailed) {
            return answer("the request's message", new IllegalStateException(deepest.getMessage(), exception));
        }
        LOG.log(Level.ERROR, "request failed", exception);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", String.valueOf(exception.getMessage()))).build();
    }
}
