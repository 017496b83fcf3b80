package io.natsjms.store;

/**
 * A commit that {@link Store#startCommit()} has written but not yet made durable. Its
 * {@link #force()} makes it durable and may run on any thread, while the store's owner goes on
 * changing the store: those later changes belong to the next commit.
 *
 * <p>Call {@link #force()} exactly once. Until it has returned, the store's {@code startCommit},
 * {@code commit} and {@code close} wait for it.
 */
@FunctionalInterface
public interface PendingCommit {

    /** A commit that is durable already: the store forced it, or does not persist. */
    PendingCommit DURABLE = () -> {
    };

    /**
     * Makes the commit durable; returns once it is.
     *
     * @throws StoreException {@code IO} when the data could not be forced to disk. The store then
     *                        refuses every further write until it is reopened, since what reached the
     *                        disk is unknown: after a restart the commit is either complete or absent,
     *                        never partly there.
     */
    void force();
}
