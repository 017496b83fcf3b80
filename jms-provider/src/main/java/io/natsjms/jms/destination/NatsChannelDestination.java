package io.natsjms.jms.destination;

import jakarta.jms.InvalidDestinationException;
import java.util.Objects;
import java.util.Optional;

/** A topic or queue: a STAN channel plus the options given after {@code ?} in its name. */
public abstract sealed class NatsChannelDestination extends NatsDestination permits NatsChannelTopic, NatsChannelQueue {

    private static final long serialVersionUID = 1L;

    private final String channel;
    /** The startPosition option, or null. */
    private final StartPositionSpec startPosition;

    NatsChannelDestination(String kind, String text) throws InvalidDestinationException {
        DestinationSpec spec = DestinationSpec.parse(kind, text);
        this.channel = spec.channel();
        this.startPosition = spec.startPosition();
    }

    @Override
    public String name() {
        return channel;
    }

    /** The channel's start position option, if one was given. */
    public Optional<StartPositionSpec> startPosition() {
        return Optional.ofNullable(startPosition);
    }

    @Override
    public boolean isTemporary() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass()
                && channel.equals(((NatsChannelDestination) o).channel)
                && Objects.equals(startPosition, ((NatsChannelDestination) o).startPosition);
    }

    @Override
    public int hashCode() {
        return Objects.hash(getClass(), channel, startPosition);
    }

    /** The text that creates an equal destination: the channel and its options. */
    @Override
    public String toString() {
        return new DestinationSpec(channel, startPosition).text();
    }
}
