package io.natsjms.jms.message;

import jakarta.jms.JMSException;

/**
 * What {@link jakarta.jms.Message#acknowledge()} does for a received message. The session plugs its
 * implementation into each message it delivers; it decides what the acknowledge mode makes of the call
 * (in CLIENT_ACKNOWLEDGE: acknowledge every message the session consumed so far; otherwise: nothing)
 * and throws {@link jakarta.jms.IllegalStateException} once the session is closed.
 */
@FunctionalInterface
public interface Acknowledger {

    /**
     * Acknowledges on behalf of {@code message}.
     *
     * @param message the message whose {@code acknowledge()} was called
     * @throws JMSException when the acknowledgement cannot be made
     */
    void acknowledge(NatsMessage message) throws JMSException;
}
