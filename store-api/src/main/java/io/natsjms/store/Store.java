package io.natsjms.store;

import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import java.util.Optional;

/**
 * Everything the streaming server keeps: its server info, its clients and its channels, each channel
 * with a message log and a subscription store.
 *
 * <p><b>Durability.</b> Changes (server info, clients, appends, subscription updates, deletions) are
 * visible to readers as soon as the method returns, but become durable only at the next
 * {@link #commit()}, which makes all of them durable at once (group commit). After a crash a
 * persistent store comes back exactly as of some commit that completed, never with part of one.
 * A store that does not persist ({@code memory}) treats {@code commit()} as a no-op.
 *
 * <p><b>Threads.</b> Implementations are thread-safe. The server appends and commits from one
 * thread; lookups may come from any thread.
 *
 * <p><b>Errors.</b> Methods throw {@link StoreException}; its {@link StoreException.Reason} tells a
 * caller's mistake (not found, already exists, a limit) from a fatal failure of the store itself
 * ({@code IO}, {@code CORRUPT}), after which the store should be closed.
 */
public interface Store extends AutoCloseable {

    /** The name of the implementation, as used to select it ({@code memory}, {@code mapdb}). */
    String name();

    /** The limits this store enforces. */
    StoreLimits limits();

    /**
     * What the store holds from earlier runs: server info, clients, channels and subscriptions (with
     * their pending sequences and redelivery counts), with the channel limits already re-applied. Empty for a new store and for stores that do not persist.
     * Call it once, right after opening; the recovered channels are then also available through
     * {@link #lookupChannel(String)}.
     */
    Optional<RecoveredState> recover();

    /** Stores the server info (cluster ID and internal subjects), replacing an earlier one. */
    void initServerInfo(ServerInfo info);

    /** Registers a client; an existing client with the same ID is replaced. */
    void addClient(ClientInfo client);

    /** Removes a client; removing an unknown client does nothing. */
    void deleteClient(String clientId);

    /**
     * Creates a channel with the limits configured for its name.
     *
     * @throws StoreException {@code ALREADY_EXISTS} if it exists, {@code TOO_MANY_CHANNELS} if the
     *                        store already holds {@link StoreLimits#maxChannels()} channels
     * @throws IllegalArgumentException if the name is not a valid literal channel name
     */
    ChannelStore createChannel(String name);

    /** The channel with exactly this name, or empty. */
    Optional<ChannelStore> lookupChannel(String name);

    /**
     * Deletes a channel with all its messages and subscriptions.
     *
     * @return whether the channel existed
     */
    boolean deleteChannel(String name);

    /** The messages published with a delivery time that are not yet due (see {@link MessageSchedule}). */
    MessageSchedule schedule();

    /** The prepared transaction branches (see {@link PreparedTransactions}). */
    PreparedTransactions preparedTransactions();

    /**
     * Whether this store may still be written by this process. A store that several servers share
     * (through a lease, as the {@code jetstream} store does) returns false as soon as another server
     * may have taken it over; from then on its writes fail, and the server must stop serving at once.
     * A store only one process can open is always owned.
     */
    default boolean isOwned() {
        return true;
    }

    /** Makes every change made so far durable; returns once it is (as the fsync policy says). */
    void commit();

    /**
     * Commits every change made so far, except that the wait for the disk is left to the caller:
     * the commit is written (to the operating system) when this returns, and durable once the
     * returned {@link PendingCommit#force()} has returned, which may run on another thread while
     * this one goes on changing the store. A group commit can so overlap the next batch's work with
     * the disk's flush. Readers see the commit's changes at once; whoever serves them must hold
     * them back from others until the force returned.
     *
     * <p>A failure to write is thrown here, and the commit is then undone as a failed
     * {@link #commit()} is. The default commits at once and returns {@link PendingCommit#DURABLE}.
     */
    default PendingCommit startCommit() {
        commit();
        return PendingCommit.DURABLE;
    }

    /**
     * Reports the duration of every commit and force to disk from now on to {@code timings}. Stores
     * that do not write to disk have nothing to report and ignore it.
     */
    default void reportTimings(StoreTimings timings) {
    }

    /** Commits and releases the store and its lock. Closing twice does nothing. */
    @Override
    void close();
}
