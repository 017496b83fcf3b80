package io.natsjms.ra;

import io.natsjms.jms.destination.NatsChannelQueue;
import io.natsjms.jms.destination.NatsChannelTopic;
import io.natsjms.jms.destination.StartPositionSpec;
import jakarta.jms.JMSException;
import jakarta.resource.spi.InvalidPropertyException;
import java.time.Duration;

/**
 * The checked, typed form of a {@link NatsActivationSpec}'s own properties (its connection overrides stay
 * in the spec).
 *
 * @param destination        the channel text ({@code name[?options]}), or null when looked up
 * @param destinationLookup  the JNDI name of the destination, or null
 * @param type               the destination type, or null to take it from the looked-up object (else topic)
 * @param durability         durability of a topic subscription
 * @param subscriptionName   the topic subscription's name, or null (non-durable only)
 * @param clientId           the connection's JMS client ID, or null
 * @param selector           the message selector, or null
 * @param acknowledgeMode    the standard acknowledge mode (both behave alike, see {@link AcknowledgeMode})
 * @param maxSession         sessions delivering in parallel
 * @param startPosition      the startPosition option value for a new subscription, or null
 * @param maxInFlight        the server's window per session, or null for the provider default
 * @param ackWait            the server's redelivery delay in seconds, or null for the provider default
 * @param maxRedeliveries    failed deliveries retried before dead-lettering, -1 for no limit
 * @param deadLetterChannel  where exhausted messages go, or null to drop them (logged)
 * @param reconnectInterval  the first reconnect delay (later ones double up to {@link #MAX_RECONNECT_INTERVAL})
 */
record ActivationConfig(String destination, String destinationLookup, DestinationType type,
                        SubscriptionDurability durability, String subscriptionName, String clientId, String selector,
                        AcknowledgeMode acknowledgeMode, int maxSession, String startPosition, Integer maxInFlight,
                        Integer ackWait, int maxRedeliveries, String deadLetterChannel, Duration reconnectInterval) {

    static final int DEFAULT_MAX_SESSION = 1;
    static final int DEFAULT_MAX_REDELIVERIES = 5;
    static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofSeconds(1);
    static final Duration MAX_RECONNECT_INTERVAL = Duration.ofSeconds(30);

    /**
     * Checks and types the properties of {@code spec}.
     *
     * @throws InvalidPropertyException naming the first bad property, its value and what was expected
     */
    static ActivationConfig of(NatsActivationSpec spec) throws InvalidPropertyException {
        try {
            return check(spec);
        } catch (IllegalArgumentException e) {
            InvalidPropertyException invalid = new InvalidPropertyException(e.getMessage());
            invalid.initCause(e);
            throw invalid;
        }
    }

    private static ActivationConfig check(NatsActivationSpec spec) {
        spec.newFactory(null);
        String lookup = blankToNull(spec.getDestinationLookup());
        String destination = blankToNull(spec.getDestination());
        if (lookup == null && destination == null) {
            throw new IllegalArgumentException("destination: null (expected: a channel name in destination,"
                    + " or the JNDI name of a Topic or Queue in destinationLookup)");
        }
        DestinationType type = spec.getDestinationType() == null || spec.getDestinationType().isBlank() ? null
                : DestinationType.parse(spec.getDestinationType());
        SubscriptionDurability durability = blankToNull(spec.getSubscriptionDurability()) == null
                ? SubscriptionDurability.NON_DURABLE : SubscriptionDurability.parse(spec.getSubscriptionDurability());
        AcknowledgeMode mode = blankToNull(spec.getAcknowledgeMode()) == null
                ? AcknowledgeMode.AUTO : AcknowledgeMode.parse(spec.getAcknowledgeMode());
        String name = blankToNull(spec.getSubscriptionName());
        if (durability == SubscriptionDurability.DURABLE && type != DestinationType.QUEUE && name == null) {
            throw new IllegalArgumentException("subscriptionName: null (expected: a name, which identifies a"
                    + " durable subscription)");
        }
        String startPosition = blankToNull(spec.getStartPosition());
        if (startPosition != null) {
            checkStartPosition(startPosition);
        }
        if (destination != null && lookup == null) {
            checkDestination(withStartPosition(destination, startPosition), type);
        }
        String deadLetterChannel = blankToNull(spec.getDeadLetterChannel());
        if (deadLetterChannel != null) {
            checkDeadLetterChannel(deadLetterChannel);
        }
        return new ActivationConfig(destination, lookup, type, durability, name, blankToNull(spec.getClientId()),
                blankToNull(spec.getMessageSelector()), mode,
                atLeast("maxSession", spec.getMaxSession(), 1, DEFAULT_MAX_SESSION), startPosition,
                optionalAtLeast("maxInFlight", spec.getMaxInFlight(), 1),
                optionalAtLeast("ackWait", spec.getAckWait(), 1),
                atLeast("maxRedeliveries", spec.getMaxRedeliveries(), -1, DEFAULT_MAX_REDELIVERIES),
                deadLetterChannel, reconnectInterval(spec.getReconnectInterval()));
    }

    /** Whether the subscription is a durable topic subscription. */
    boolean durable() {
        return durability == SubscriptionDurability.DURABLE;
    }

    /**
     * {@code text} with the startPosition option added when {@code startPosition} is set.
     *
     * @throws IllegalArgumentException when {@code text} already has options
     */
    static String withStartPosition(String text, String startPosition) {
        if (startPosition == null) {
            return text;
        }
        if (text.indexOf('?') >= 0) {
            throw new IllegalArgumentException("startPosition: \"" + startPosition + "\" while destination \"" + text
                    + "\" has options (expected: the start position in one place only)");
        }
        return text + "?startPosition=" + startPosition;
    }

    /** Whether a message delivered {@code deliveryCount} times has no redelivery left. */
    boolean exhausted(int deliveryCount) {
        return maxRedeliveries >= 0 && deliveryCount > maxRedeliveries;
    }

    private static void checkStartPosition(String value) {
        try {
            StartPositionSpec.parse(value);
        } catch (JMSException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static void checkDestination(String text, DestinationType type) {
        try {
            if (type == DestinationType.QUEUE) {
                new NatsChannelQueue(text);
            } else {
                new NatsChannelTopic(text);
            }
        } catch (JMSException e) {
            throw new IllegalArgumentException("destination: " + e.getMessage(), e);
        }
    }

    private static void checkDeadLetterChannel(String text) {
        try {
            new NatsChannelTopic(text);
        } catch (JMSException e) {
            throw new IllegalArgumentException("deadLetterChannel: " + e.getMessage(), e);
        }
    }

    private static int atLeast(String property, Integer value, int minimum, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < minimum) {
            throw new IllegalArgumentException(property + ": " + value + " (expected: >= " + minimum + ")");
        }
        return value;
    }

    private static Integer optionalAtLeast(String property, Integer value, int minimum) {
        return value == null ? null : atLeast(property, value, minimum, minimum);
    }

    private static Duration reconnectInterval(Long millis) {
        if (millis == null) {
            return DEFAULT_RECONNECT_INTERVAL;
        }
        if (millis < 1) {
            throw new IllegalArgumentException("reconnectInterval: " + millis + " (expected: >= 1 millisecond)");
        }
        return Duration.ofMillis(millis);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
