package io.natsjms.store;

/**
 * Where a persistent store reports how long its commits and its forces to disk took, for the
 * server's metrics. Called on the thread that committed or forced, so it must be quick and
 * thread-safe; it must not throw.
 */
@FunctionalInterface
public interface StoreTimings {

    /** Reports nothing. */
    StoreTimings NONE = (kind, nanos) -> { };

    /** What was timed. */
    enum Kind {
        /** A whole commit that wrote something, its forces included. */
        COMMIT,
        /** Forcing written data to disk (fsync), as part of a commit or on its own. */
        FSYNC
    }

    /** {@code kind} took {@code nanos} nanoseconds. */
    void record(Kind kind, long nanos);
}
