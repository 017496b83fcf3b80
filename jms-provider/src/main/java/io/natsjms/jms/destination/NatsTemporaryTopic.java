package io.natsjms.jms.destination;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.TemporaryTopic;

/** A temporary topic: a core-NATS inbox subject, nothing stored, alive as long as its connection. */
public final class NatsTemporaryTopic extends NatsTemporaryDestination implements TemporaryTopic {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the temporary topic on {@code subject}.
     *
     * @param owner the creating connection, or null for a copy received in a message
     * @throws InvalidDestinationException naming the subject when it is not a literal NATS subject
     */
    public NatsTemporaryTopic(String subject, TemporaryDestinationOwner owner) throws InvalidDestinationException {
        super("temporary topic", subject, owner);
    }

    /** The inbox subject. */
    @Override
    public String getTopicName() {
        return name();
    }

    @Override
    public boolean isQueue() {
        return false;
    }
}
