package io.natsjms.stan;

/**
 * Where a new subscription starts in its channel. The server ignores it when a durable resumes or a
 * member joins an existing queue group: those continue where the durable or group stands.
 */
public enum StartPosition {
    /** Only messages published after the subscription is created. */
    NEW_ONLY,
    /** The last message already in the channel, then new ones. */
    LAST_RECEIVED,
    /** The first message still in the channel. */
    FIRST,
    /** The message with {@link SubscriptionSpec#startSequence()} (or the first one after it that exists). */
    SEQUENCE,
    /** The first message stored at or after {@link SubscriptionSpec#startTime()}. */
    TIME
}
