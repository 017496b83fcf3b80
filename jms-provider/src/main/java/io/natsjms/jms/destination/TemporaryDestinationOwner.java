package io.natsjms.jms.destination;

import jakarta.jms.JMSException;

/**
 * The connection that created a temporary destination: it knows whether consumers still use it and
 * releases it on {@code delete()}.
 */
@FunctionalInterface
public interface TemporaryDestinationOwner {

    /**
     * Deletes {@code destination}.
     *
     * @throws JMSException e.g. {@link jakarta.jms.IllegalStateException} while a consumer still uses it
     */
    void delete(NatsTemporaryDestination destination) throws JMSException;
}
