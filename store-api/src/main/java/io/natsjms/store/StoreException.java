package io.natsjms.store;

import java.util.Objects;

/** A store operation that failed; {@link #reason()} says whether the caller or the store is at fault. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an operation failed. */
    public enum Reason {
        /** The channel or subscription does not exist (a caller error). */
        NOT_FOUND,
        /** The channel already exists (a caller error). */
        ALREADY_EXISTS,
        /** Creating the channel would exceed the max channels limit. */
        TOO_MANY_CHANNELS,
        /** Creating the subscription would exceed the channel's max subscriptions limit. */
        TOO_MANY_SUBSCRIPTIONS,
        /** Another process holds the data directory (fatal for this open; may pass once it exits). */
        LOCKED,
        /** The files of the store are damaged (fatal). */
        CORRUPT,
        /** Reading or writing failed (fatal for this store instance). */
        IO,
        /** The store was closed. */
        CLOSED
    }

    private final Reason reason;

    public StoreException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
