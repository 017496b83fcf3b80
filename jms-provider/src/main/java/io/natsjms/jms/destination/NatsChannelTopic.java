package io.natsjms.jms.destination;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Topic;

/**
 * A JMS topic on the STAN channel of the same name, every subscriber getting every message.
 * The name may carry options: {@code orders?startPosition=first}.
 */
public final class NatsChannelTopic extends NatsChannelDestination implements Topic {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the topic from {@code channel[?startPosition=...]}.
     *
     * @throws InvalidDestinationException naming the value when the channel name or an option is invalid
     */
    public NatsChannelTopic(String text) throws InvalidDestinationException {
        super("topic", text);
    }

    /** The channel name (without options). */
    @Override
    public String getTopicName() {
        return name();
    }

    @Override
    public boolean isQueue() {
        return false;
    }
}
