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
        /**
         * The store could not be opened because what holds it cannot be reached or answer now (a
         * JetStream cluster electing its leaders, or not reachable at all); opening it again later may
         * succeed. Only {@link StoreProvider#open} gives this reason.
         */
        UNAVAILABLE,
        /** The store was closed. */
        CLOSED
    }

    private final Reason reason;
    private final String publicMessage;

    public StoreException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public StoreException(Reason reason, String message, Throwable cause) {
        this(reason, message, null, cause);
    }

    /**
     * @param publicMessage what may be told to a client (no file names or paths); {@code null} for a
     *                      generic text derived from the reason
     */
    public StoreException(Reason reason, String message, String publicMessage, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.publicMessage = publicMessage;
    }

    public Reason reason() {
        return reason;
    }

    /**
     * The failure as it may be told to a client: it never names files or directories of the server
     * (those go to the server's log with {@link #getMessage()}). Caller errors (not found, already
     * exists, limits) keep their message, which names only channels and subscriptions.
     */
    public String publicMessage() {
        if (publicMessage != null) {
            return publicMessage;
        }
        return switch (reason) {
            case IO -> "store I/O error";
            case CORRUPT -> "store data is damaged";
            case CLOSED -> "store is closed";
            case LOCKED -> "store is locked by another process";
            case UNAVAILABLE -> "store is unavailable";
            default -> getMessage();
        };
    }
}
