package io.natsjms.ra;

import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import jakarta.jms.Destination;
import jakarta.jms.JMSException;
import jakarta.jms.Queue;
import jakarta.jms.Topic;
import jakarta.resource.spi.InvalidPropertyException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Finds the destination of an activation: the {@code destinationLookup} object from JNDI (a Topic or Queue
 * of any provider, taken by name), else the {@code destination} channel, with the {@code startPosition}
 * property added as the channel's option.
 */
final class ActivationDestination {

    private ActivationDestination() {
    }

    /**
     * The provider destination {@code config} names; a lookup happens on the calling thread.
     *
     * @throws InvalidPropertyException naming the property when the lookup fails or finds no Topic or Queue,
     *                                  or the name is not a valid channel
     */
    static Destination resolve(ActivationConfig config) throws InvalidPropertyException {
        String text;
        DestinationType type = config.type();
        if (config.destinationLookup() != null) {
            Object found = lookup(config.destinationLookup());
            if (found instanceof Queue queue && type != DestinationType.TOPIC) {
                type = DestinationType.QUEUE;
                text = name(queue::getQueueName, config);
            } else if (found instanceof Topic topic && type != DestinationType.QUEUE) {
                type = DestinationType.TOPIC;
                text = name(topic::getTopicName, config);
            } else {
                throw new InvalidPropertyException("destinationLookup: \"" + config.destinationLookup() + "\" is a "
                        + (found == null ? "null" : found.getClass().getName()) + " (expected: a "
                        + (type == null ? "Topic or Queue" : type == DestinationType.QUEUE ? "Queue" : "Topic") + ")");
            }
        } else {
            text = config.destination();
        }
        try {
            String full = ActivationConfig.withStartPosition(text, config.startPosition());
            return type == DestinationType.QUEUE ? new NatsChannelQueue(full) : new NatsChannelTopic(full);
        } catch (JMSException | IllegalArgumentException e) {
            InvalidPropertyException invalid = new InvalidPropertyException("destination: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static Object lookup(String name) throws InvalidPropertyException {
        try {
            return new InitialContext().lookup(name);
        } catch (NamingException e) {
            InvalidPropertyException invalid = new InvalidPropertyException("destinationLookup: \"" + name
                    + "\" cannot be looked up (expected: the JNDI name of a Topic or Queue): " + e);
            invalid.initCause(e);
            throw invalid;
        }
    }

    private interface NameSource {
        String name() throws JMSException;
    }

    private static String name(NameSource source, ActivationConfig config) throws InvalidPropertyException {
        try {
            return source.name();
        } catch (JMSException e) {
            InvalidPropertyException invalid = new InvalidPropertyException("destinationLookup: \""
                    + config.destinationLookup() + "\" has no readable name: " + e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }
}
