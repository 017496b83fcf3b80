package io.natsjms.jms.destination;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.TemporaryQueue;

/** A temporary queue: a core-NATS inbox subject, nothing stored, alive as long as its connection. */
public final class NatsTemporaryQueue extends NatsTemporaryDestination implements TemporaryQueue {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the temporary queue on {@code subject}.
     *
     * @param owner the creating connection, or null for a copy received in a message
     * @throws InvalidDestinationException naming the subject when it is not a literal NATS subject
     */
    public NatsTemporaryQueue(String subject, TemporaryDestinationOwner owner) throws InvalidDestinationException {
        super("temporary queue", subject, owner);
    }

    /** The inbox subject. */
    @Override
    public String getQueueName() {
        return name();
    }

    @Override
    public boolean isQueue() {
        return true;
    }
}
