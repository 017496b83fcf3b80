package io.natsjms.jms.destination;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.Queue;

/**
 * A JMS queue on the STAN channel of the same name, consumed through one durable queue group so
 * that consumers compete and messages wait for a consumer.
 * The name may carry options: {@code orders?startPosition=first}.
 */
public final class NatsChannelQueue extends NatsChannelDestination implements Queue {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the queue from {@code channel[?startPosition=...]}.
     *
     * @throws InvalidDestinationException naming the value when the channel name or an option is invalid
     */
    public NatsChannelQueue(String text) throws InvalidDestinationException {
        super("queue", text);
    }

    /** The channel name (without options). */
    @Override
    public String getQueueName() {
        return name();
    }

    @Override
    public boolean isQueue() {
        return true;
    }
}
