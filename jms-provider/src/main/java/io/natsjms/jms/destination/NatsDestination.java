package io.natsjms.jms.destination;

import jakarta.jms.Destination;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.TemporaryQueue;
import jakarta.jms.TemporaryTopic;
import jakarta.jms.Topic;
import java.io.Serializable;

/**
 * A destination of this provider: a STAN channel (topic, queue) or a core-NATS inbox subject
 * (temporary destinations). Immutable and serializable.
 */
public abstract sealed class NatsDestination implements Destination, Serializable
        permits NatsChannelDestination, NatsTemporaryDestination {

    private static final long serialVersionUID = 1L;

    NatsDestination() {
    }

    /** The channel name, or the inbox subject of a temporary destination. */
    public abstract String name();

    /** Whether this is a queue (consumers compete) rather than a topic. */
    public abstract boolean isQueue();

    /** Whether this is a temporary destination (a core-NATS subject, nothing stored). */
    public abstract boolean isTemporary();

    /**
     * This provider's form of {@code destination}: itself if it is a {@link NatsDestination}, else a
     * destination of the same kind and name (another provider's Topic, Queue or temporary destination).
     *
     * @return null for null
     * @throws InvalidDestinationException naming the destination when its kind is unknown or its name
     *         is invalid here
     */
    public static NatsDestination from(Destination destination) throws JMSException {
        if (destination == null || destination instanceof NatsDestination) {
            return (NatsDestination) destination;
        }
        if (destination instanceof TemporaryQueue q) {
            return new NatsTemporaryQueue(q.getQueueName(), null);
        }
        if (destination instanceof TemporaryTopic t) {
            return new NatsTemporaryTopic(t.getTopicName(), null);
        }
        if (destination instanceof Queue q) {
            return new NatsChannelQueue(q.getQueueName());
        }
        if (destination instanceof Topic t) {
            return new NatsChannelTopic(t.getTopicName());
        }
        throw new InvalidDestinationException("destination: " + destination + " (a "
                + destination.getClass().getName() + "; expected: a Topic or Queue)");
    }
}
