package io.natsjms.stan;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * What jnats reports about the NATS connection of a {@link StanConnection}: errors from the server are
 * logged and handed on (a permissions violation must fail the publishes it concerns at once, not after
 * their ack wait), and the last exception is kept, so that a failed connect can say why (such as
 * {@code SSL required by server}) rather than only that it failed.
 */
final class NatsErrors implements ErrorListener {

    private static final System.Logger LOG = System.getLogger(NatsErrors.class.getName());

    /** Where server errors go once the connection exists; null before. */
    private volatile Consumer<String> onServerError;
    private volatile Exception last;

    void onServerError(Consumer<String> handler) {
        onServerError = handler;
    }

    /** The last exception jnats reported, or null. */
    Exception last() {
        return last;
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        LOG.log(Level.WARNING, "NATS error: " + error);
        Consumer<String> handler = onServerError;
        if (handler != null) {
            handler.accept(error);
        }
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        last = exp;
        LOG.log(Level.DEBUG, "NATS exception: " + exp.getMessage(), exp);
    }

    @Override
    public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
        LOG.log(Level.WARNING, "NATS slow consumer: messages dropped for " + consumer);
    }
}
