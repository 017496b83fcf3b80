package io.natsjms.store.memory;

import io.natsjms.store.ChannelAdmission;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.MessageStamps;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A store that keeps everything in memory and nothing across restarts: {@link #recover()} is always
 * empty and {@link #commit()} does nothing. Server info and clients are accepted and dropped, since
 * nothing reads them back but recovery. Scheduled messages are kept until due or closed.
 */
public final class MemoryStore implements Store {

    /** The name of this store, as selected in the configuration. */
    public static final String NAME = "memory";

    private final StoreLimits limits;
    private final OpenGuard guard = new OpenGuard();
    private final LongSupplier wallClockNanos;
    /** The channels by name; creation and deletion hold this object's monitor, lookups do not. */
    private final Map<String, MemoryChannelStore> channels = new ConcurrentHashMap<>();
    private final MemoryMessageSchedule schedule = new MemoryMessageSchedule(guard);
    private final MemoryPreparedTransactions prepared = new MemoryPreparedTransactions(guard);

    /** A memory store enforcing {@code limits}. */
    public MemoryStore(StoreLimits limits) {
        this(limits, MessageStamps::nowNanos);
    }

    MemoryStore(StoreLimits limits, LongSupplier wallClockNanos) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.wallClockNanos = wallClockNanos;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public StoreLimits limits() {
        return limits;
    }

    @Override
    public Optional<RecoveredState> recover() {
        guard.check();
        return Optional.empty();
    }

    @Override
    public void initServerInfo(ServerInfo info) {
        Objects.requireNonNull(info, "info");
        guard.check();
    }

    @Override
    public void addClient(ClientInfo client) {
        Objects.requireNonNull(client, "client");
        guard.check();
    }

    @Override
    public void deleteClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        guard.check();
    }

    @Override
    public synchronized ChannelStore createChannel(String name) {
        guard.check();
        ChannelAdmission.check(limits, name, channels.containsKey(name), channels.size());
        MemoryChannelStore channel = new MemoryChannelStore(name, limits.forChannel(name), guard, wallClockNanos);
        channels.put(name, channel);
        return channel;
    }

    @Override
    public Optional<ChannelStore> lookupChannel(String name) {
        guard.check();
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public synchronized boolean deleteChannel(String name) {
        guard.check();
        return channels.remove(name) != null;
    }

    @Override
    public MessageSchedule schedule() {
        return schedule;
    }

    @Override
    public PreparedTransactions preparedTransactions() {
        return prepared;
    }

    @Override
    public void commit() {
        guard.check();
    }

    @Override
    public void close() {
        if (guard.close()) {
            channels.clear();
            schedule.clear();
            prepared.clear();
        }
    }
}
