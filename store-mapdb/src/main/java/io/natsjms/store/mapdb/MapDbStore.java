package io.natsjms.store.mapdb;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.store.ChannelAdmission;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The MapDB store. Message bodies go to per-channel segment files and every other change to a
 * journal; both together are the write-ahead log that {@link #commit()} forces. MapDB holds the
 * checkpointed state and the message index. See the module README for the layout and guarantees.
 */
public final class MapDbStore implements Store {

    private static final System.Logger LOG = System.getLogger(MapDbStore.class.getName());

    /** Guards everything below and the state of every channel. */
    private final StoreGuard lock;
    private final MapDbStoreConfig config;
    private final DirectoryLock directoryLock;
    private final StateDb state;
    private final WriteAheadLog wal;
    private final Checkpointer checkpointer;
    private final Map<String, MapDbChannel> channels = new LinkedHashMap<>();
    private final RecoveredState recovered;
    private final ScheduledExecutorService syncer;
    private long nextChannel;

    private MapDbStore(MapDbStoreConfig config, DirectoryLock directoryLock, StateDb state, long openNanos) {
        this.config = config;
        this.lock = new StoreGuard(config.directory().toString());
        this.directoryLock = directoryLock;
        this.state = state;
        long replayStart = System.nanoTime();
        Recovery recovery = new Recovery(config, state, lock);
        recovery.run();
        long replayEnd = System.nanoTime();
        this.wal = recovery.wal;
        this.nextChannel = recovery.nextChannel;
        this.checkpointer = new Checkpointer(config.directory(), state, wal);
        for (MapDbChannel channel : recovery.channels.values()) {
            channels.put(channel.name(), channel);
            channel.messages().enforceCountAndBytes();
            channel.messages().expire(io.natsjms.store.MessageStamps.nowNanos());
        }
        this.recovered = recovery.found ? snapshot() : null;
        synchronized (lock) {
            wal.commit();
            checkpointer.run(channels.values(), nextChannel);
        }
        long end = System.nanoTime();
        LOG.log(System.Logger.Level.INFO, () -> String.format("opened %s with %d channels in %d ms (MapDB open %d ms,"
                + " replay %d ms, checkpoint %d ms)", config.directory(), channels.size(), (end - openNanos) / 1_000_000,
                (replayStart - openNanos) / 1_000_000, (replayEnd - replayStart) / 1_000_000,
                (end - replayEnd) / 1_000_000));
        this.syncer = config.fsync() == FsyncPolicy.INTERVAL ? startSyncer() : null;
    }

    /**
     * Opens (or creates) the store in {@code config.directory()}, recovering what it holds.
     *
     * @throws StoreException {@code LOCKED}, {@code CORRUPT} or {@code IO} (see {@link io.natsjms.store.StoreProvider})
     */
    public static MapDbStore open(MapDbStoreConfig config) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw SegmentLog.io("cannot create data directory " + config.directory(), e);
        }
        DirectoryLock directoryLock = DirectoryLock.acquire(config.directory());
        StateDb state = null;
        try {
            long openNanos = System.nanoTime();
            state = StateDb.open(config.directory());
            return new MapDbStore(config, directoryLock, state, openNanos);
        } catch (RuntimeException e) {
            if (state != null) {
                try {
                    state.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            try {
                directoryLock.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private ScheduledExecutorService startSyncer() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "natsjms-mapdb-fsync " + config.directory());
            t.setDaemon(true);
            return t;
        });
        long period = config.fsyncIntervalMillis();
        executor.scheduleWithFixedDelay(() -> {
            synchronized (lock) {
                if (!lock.closed()) {
                    try {
                        wal.sync();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "background fsync of " + config.directory() + " failed", e);
                    }
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
        return executor;
    }

    private RecoveredState snapshot() {
        ServerInfo info = ServerInfo.getDefaultInstance();
        List<ClientInfo> clients = new ArrayList<>();
        try {
            byte[] raw = state.meta.get(StateDb.SERVER_INFO);
            if (raw != null) {
                info = ServerInfo.parseFrom(raw);
            }
            for (byte[] client : state.clients.values()) {
                clients.add(ClientInfo.parseFrom(client));
            }
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "state file " + state.file()
                    + " holds an invalid server or client record", e);
        }
        Map<String, RecoveredChannel> result = new HashMap<>();
        for (MapDbChannel channel : channels.values()) {
            result.put(channel.name(), new RecoveredChannel(channel, channel.subscriptions().all()));
        }
        return new RecoveredState(info, clients, result);
    }

    @Override
    public String name() {
        return MapDbStoreProvider.NAME;
    }

    @Override
    public StoreLimits limits() {
        return config.limits();
    }

    /** The configuration this store was opened with. */
    public MapDbStoreConfig config() {
        return config;
    }

    @Override
    public Optional<RecoveredState> recover() {
        return Optional.ofNullable(recovered);
    }

    @Override
    public void initServerInfo(ServerInfo info) {
        synchronized (lock) {
            ensureOpen();
            byte[] raw = info.toByteArray();
            state.meta.put(StateDb.SERVER_INFO, raw);
            wal.record(new JournalRecord.ServerInfoSet(raw));
        }
    }

    @Override
    public void addClient(ClientInfo client) {
        synchronized (lock) {
            ensureOpen();
            byte[] raw = client.toByteArray();
            state.clients.put(client.getID(), raw);
            wal.record(new JournalRecord.ClientAdded(client.getID(), raw));
        }
    }

    @Override
    public void deleteClient(String clientId) {
        synchronized (lock) {
            ensureOpen();
            if (state.clients.remove(clientId) != null) {
                wal.record(new JournalRecord.ClientDeleted(clientId));
            }
        }
    }

    @Override
    public ChannelStore createChannel(String name) {
        synchronized (lock) {
            ensureOpen();
            ChannelAdmission.check(config.limits(), name, channels.containsKey(name), channels.size());
            long number = nextChannel++;
            MapDbChannel channel = MapDbChannel.open(lock, config, state, wal, number, ChannelMeta.empty(name));
            channels.put(name, channel);
            wal.record(new JournalRecord.ChannelCreated(number, name));
            return channel;
        }
    }

    @Override
    public Optional<ChannelStore> lookupChannel(String name) {
        synchronized (lock) {
            return Optional.ofNullable(channels.get(name));
        }
    }

    @Override
    public boolean deleteChannel(String name) {
        synchronized (lock) {
            ensureOpen();
            MapDbChannel channel = channels.remove(name);
            if (channel == null) {
                return false;
            }
            wal.forget(channel.messages());
            wal.record(new JournalRecord.ChannelDeleted(channel.number()));
            channel.messages().log().close();
            checkpointer.channelDeleted(channel);
            return true;
        }
    }

    @Override
    public void commit() {
        synchronized (lock) {
            ensureOpen();
            wal.commit();
            if (checkpointer.due(config.checkpointBytes(), config.checkpointIntervalMillis())) {
                checkpointer.run(channels.values(), nextChannel);
            }
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (lock.closed()) {
                return;
            }
            lock.markClosed();
            try {
                wal.commit();
                checkpointer.run(channels.values(), nextChannel);
            } finally {
                if (syncer != null) {
                    syncer.shutdownNow();
                }
                wal.close();
                for (MapDbChannel channel : channels.values()) {
                    channel.messages().log().close();
                }
                wal.journal().close();
                state.close();
                try {
                    directoryLock.close();
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "cannot release the lock of " + config.directory(), e);
                }
            }
        }
    }

    private void ensureOpen() {
        lock.ensureOpen();
    }
}
