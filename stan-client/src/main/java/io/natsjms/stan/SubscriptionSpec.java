package io.natsjms.stan;

import io.natsjms.protocol.ChannelNames;
import io.natsjms.protocol.pb.SubscriptionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to subscribe to and how. Acknowledgement is always manual. Start with {@link #of(String)} and
 * refine with the {@code with*} / {@code starting*} methods; each returns a new spec.
 *
 * @param channel       the channel (a literal name, no wildcards)
 * @param queueGroup    the queue group to join, or {@code null}
 * @param durableName   the durable name, or {@code null} for a non-durable subscription
 * @param maxInFlight   how many unacknowledged messages the server sends before it waits for acks
 * @param ackWait       how long the server waits for an ack before redelivering; whole seconds,
 *                      at least one (the wire carries seconds)
 * @param startPosition where a new subscription starts
 * @param startSequence the first sequence wanted, for {@link StartPosition#SEQUENCE} (else 0)
 * @param startTime     the earliest time wanted, for {@link StartPosition#TIME} (else {@code null})
 * @param selector      a queue member's JMS message selector, evaluated by the server (the natsjms
 *                      selective subscription extension), or {@code null}
 */
public record SubscriptionSpec(String channel, String queueGroup, String durableName, int maxInFlight,
                               Duration ackWait, StartPosition startPosition, long startSequence,
                               Instant startTime, String selector) {

    /** Same as both official clients. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 1024;
    /** Same as both official clients. */
    public static final Duration DEFAULT_ACK_WAIT = Duration.ofSeconds(30);

    public SubscriptionSpec {
        ChannelNames.requireValid(channel);
        if (queueGroup != null && queueGroup.isEmpty()) {
            queueGroup = null;
        }
        if (durableName != null && durableName.isEmpty()) {
            durableName = null;
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: >= 1)");
        }
        Objects.requireNonNull(ackWait, "ackWait");
        if (ackWait.compareTo(Duration.ofSeconds(1)) < 0 || ackWait.getNano() != 0) {
            throw new IllegalArgumentException("ackWait: " + ackWait + " (expected: whole seconds, >= 1s)");
        }
        Objects.requireNonNull(startPosition, "startPosition");
        if (startPosition == StartPosition.SEQUENCE && startSequence < 1) {
            throw new IllegalArgumentException("startSequence: " + startSequence + " (expected: >= 1 with SEQUENCE)");
        }
        if (startPosition != StartPosition.SEQUENCE && startSequence != 0) {
            throw new IllegalArgumentException("startSequence: " + startSequence
                    + " (expected: 0 unless the start position is SEQUENCE, it is " + startPosition + ")");
        }
        if ((startPosition == StartPosition.TIME) != (startTime != null)) {
            throw new IllegalArgumentException("startTime: " + startTime
                    + " (expected: a time exactly when the start position is TIME, it is " + startPosition + ")");
        }
        if (selector != null && selector.isBlank()) {
            selector = null;
        }
        if (selector != null && queueGroup == null) {
            throw new IllegalArgumentException("selector: \"" + selector + "\" on channel \"" + channel
                    + "\" without a queue group (expected: a server-side selector only for a queue member)");
        }
    }

    /** A non-durable, non-queue subscription to new messages of {@code channel}, with default limits. */
    public static SubscriptionSpec of(String channel) {
        return new SubscriptionSpec(channel, null, null, DEFAULT_MAX_IN_FLIGHT, DEFAULT_ACK_WAIT,
                StartPosition.NEW_ONLY, 0, null, null);
    }

    public SubscriptionSpec withQueueGroup(String value) {
        return new SubscriptionSpec(channel, value, durableName, maxInFlight, ackWait,
                startPosition, startSequence, startTime, selector);
    }

    public SubscriptionSpec withDurableName(String value) {
        return new SubscriptionSpec(channel, queueGroup, value, maxInFlight, ackWait,
                startPosition, startSequence, startTime, selector);
    }

    public SubscriptionSpec withMaxInFlight(int value) {
        return new SubscriptionSpec(channel, queueGroup, durableName, value, ackWait,
                startPosition, startSequence, startTime, selector);
    }

    public SubscriptionSpec withAckWait(Duration value) {
        return new SubscriptionSpec(channel, queueGroup, durableName, maxInFlight, value,
                startPosition, startSequence, startTime, selector);
    }

    /**
     * Only the messages {@code value} (a JMS message selector) selects, chosen by the server among the
     * queue group's members; {@code null} or blank for all. Needs a queue group.
     */
    public SubscriptionSpec withSelector(String value) {
        return new SubscriptionSpec(channel, queueGroup, durableName, maxInFlight, ackWait,
                startPosition, startSequence, startTime, value);
    }

    /** Starts at {@code position}, which must be NEW_ONLY, LAST_RECEIVED or FIRST. */
    public SubscriptionSpec starting(StartPosition position) {
        return new SubscriptionSpec(channel, queueGroup, durableName, maxInFlight, ackWait, position, 0, null,
                selector);
    }

    /** Starts at sequence {@code sequence} (>= 1). */
    public SubscriptionSpec startingAtSequence(long sequence) {
        return new SubscriptionSpec(channel, queueGroup, durableName, maxInFlight, ackWait,
                StartPosition.SEQUENCE, sequence, null, selector);
    }

    /** Starts at the first message stored at or after {@code time}. */
    public SubscriptionSpec startingAtTime(Instant time) {
        return new SubscriptionSpec(channel, queueGroup, durableName, maxInFlight, ackWait,
                StartPosition.TIME, 0, Objects.requireNonNull(time, "time"), selector);
    }

    /**
     * The wire request for this spec.
     *
     * @param clientId the subscribing client
     * @param inbox    where the server must deliver
     * @param now      the current time, from which a TIME start becomes the wire's time delta
     */
    SubscriptionRequest toRequest(String clientId, String inbox, Instant now) {
        SubscriptionRequest.Builder request = SubscriptionRequest.newBuilder()
                .setClientID(clientId)
                .setSubject(channel)
                .setInbox(inbox)
                .setMaxInFlight(maxInFlight)
                .setAckWaitInSecs((int) Math.min(Integer.MAX_VALUE, ackWait.toSeconds()));
        if (queueGroup != null) {
            request.setQGroup(queueGroup);
        }
        if (durableName != null) {
            request.setDurableName(durableName);
        }
        switch (startPosition) {
            case NEW_ONLY -> request.setStartPosition(io.natsjms.protocol.pb.StartPosition.NewOnly);
            case LAST_RECEIVED -> request.setStartPosition(io.natsjms.protocol.pb.StartPosition.LastReceived);
            case FIRST -> request.setStartPosition(io.natsjms.protocol.pb.StartPosition.First);
            case SEQUENCE -> request.setStartPosition(io.natsjms.protocol.pb.StartPosition.SequenceStart)
                    .setStartSequence(startSequence);
            case TIME -> request.setStartPosition(io.natsjms.protocol.pb.StartPosition.TimeDeltaStart)
                    .setStartTimeDelta(nanosBetween(startTime, now));
        }
        return request.build();
    }

    private static long nanosBetween(Instant from, Instant to) {
        try {
            return Duration.between(from, to).toNanos();
        } catch (ArithmeticException e) {
            return from.isBefore(to) ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
    }
}
