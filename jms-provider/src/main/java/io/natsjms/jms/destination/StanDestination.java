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
public abstract sealed class StanDestination implements Destination, Serializable
        permits StanChannelDestination, StanTemporaryDestination {

    private static final long serialVersionUID = 1L;

    StanDestination() {
    }

    /** The channel name, or the inbox subject of a temporary destination. */
    public abstract String name();

    /** Whether this is a queue (consumers compete) rather than a topic. */
    public abstract boolean isQueue();

    /** Whether this is a temporary destination (a core-NATS subject, nothing stored). */
    public abstract boolean isTemporary();

    /**
     * This provider's form of {@code destination}: itself if it is a {@link StanDestination}, else a
     * destination of the same kind and name (another provider's Topic, Queue or temporary destination).
     *
     * @return null for null
     * @throws InvalidDestinationException naming the destination when its kind is unknown or its name
     *         is invalid here
     */
    public static StanDestination from(Destination destination) throws JMSException {
        if (destination == null || destination instanceof StanDestination) {
            return (StanDestination) destination;
        }
        if (destination instanceof TemporaryQueue q) {
            return new StanTemporaryQueue(q.getQueueName(), null);
        }
        if (destination instanceof TemporaryTopic t) {
            return new StanTemporaryTopic(t.getTopicName(), null);
        }
        if (destination instanceof Queue q) {
            return new StanQueue(q.getQueueName());
        }
        if (destination instanceof Topic t) {
            return new StanTopic(t.getTopicName());
        }
        throw new InvalidDestinationException("destination: " + destination + " (a "
                + destination.getClass().getName() + "; expected: a Topic or Queue)");
    }
}
