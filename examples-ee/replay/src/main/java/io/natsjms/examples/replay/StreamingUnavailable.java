package io.natsjms.examples.replay;

import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * The answer when the streaming server cannot take a send: {@code 503} with {@code {"error": ...}}, and one
 * log line per failed request (the stack trace only at debug level, logger
 * {@code io.natsjms.examples.replay.StreamingUnavailable}). The resource answers so itself when the send fails
 * in the request; as an exception mapper it answers so for a failure the container reports, such as a
 * transaction that could not complete because the send failed. Any other exception stays a {@code 500}.
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
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof JMSException || cause instanceof JMSRuntimeException) {
                return answer("the request's message", (Exception) cause);
            }
        }
        LOG.log(Level.ERROR, "request failed", exception);
        return Response.serverError().type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", String.valueOf(exception.getMessage()))).build();
    }
}
