package io.natsjms.store;

/**
 * The view of a channel's message log that {@link LimitEnforcer} needs: what is held, and a way to
 * drop the oldest message. A store implements it over its own data structure (often as a private
 * inner class) and calls the enforcer while it holds the log's lock.
 */
public interface MessageLog {

    /** Number of messages held. */
    long count();

    /** Sum of the sizes of the messages held, as the store counts them. */
    long bytes();

    /** Sequence of the oldest message held; only called when {@link #count()} is positive. */
    long oldestSequence();

    /** Timestamp (Unix nanoseconds) of the oldest message held; only called when {@link #count()} is positive. */
    long oldestTimestamp();

    /** Drops the oldest message held; only called when {@link #count()} is positive. */
    void removeOldest();
}
