package io.natsjms.store.mapdb;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.store.ChannelAdmission;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.PendingCommit;
import io.natsjms.store.PreparedTransactions;
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
    private final ServerRecords server;
    private final Checkpointer checkpointer;
    private final MapDbMessageSchedule schedule;
    private final MapDbPreparedTransactions prepared;
    private final Map<String, MapDbChannel> channels = new LinkedHashMap<>();
    private final RecoveredState recovered;
    private final ScheduledExecutorService syncer;
    private long nextChannel;
    private final StoreContext context;

    private MapDbStore(MapDbStoreConfig config, DirectoryLock directoryLock, StateDb state, long openNanos,
                       StoreFiles files, StateBackup backup) {
        this.config = config;
        this.lock = new StoreGuard(config.directory().toString());
        this.directoryLock = directoryLock;
        this.state = state;
        this.wal = new WriteAheadLog(config.fsync());
        this.context = new StoreContext(config, lock, state, wal, files, new SetAside());
        long replayStart = System.nanoTime();
        StoreRecovery recovery = new StoreRecovery(context, backup);
        try {
            recovery.run();
        } catch (RuntimeException | AssertionError | InternalError e) {
            wal.close();
            for (MapDbChannel channel : recovery.channels.values()) {
                channel.messages().log().close();
            }
            if (e instanceof StoreException known) {
                throw known;
            }
            // MapDB failed on what it read: its structures in the state file are damaged
            throw new StoreException(StoreException.Reason.CORRUPT, "state file " + state.file() + " cannot be read ("
                    + e + "); nothing was changed", e);
        }
        long replayEnd = System.nanoTime();
        this.server = recovery.server;
        this.schedule = new MapDbMessageSchedule(lock, wal, server);
        this.prepared = new MapDbPreparedTransactions(lock, wal, server);
        this.nextChannel = recovery.nextChannel;
        this.checkpointer = new Checkpointer(context, server);
        for (MapDbChannel gone : recovery.deleted) {
            checkpointer.channelDeleted(gone);
        }
        for (long number : recovery.purged) {
            checkpointer.channelPurged(number);
        }
        for (MapDbChannel channel : recovery.channels.values()) {
            channels.put(channel.name(), channel);
            channel.messages().enforceCountAndBytes();
            channel.messages().expire(io.natsjms.store.MessageStamps.nowNanos());
        }
        this.recovered = recovery.found ? snapshot() : null;
        synchronized (lock) {
            try {
                wal.commit();
                checkpointer.run(channels.values(), nextChannel);
            } catch (StoreException e) {
                if (e.reason() != StoreException.Reason.IO) {
                    throw e;
                }
                LOG.log(System.Logger.Level.WARNING, "opened " + config.directory() + " but could not write the"
                        + " recovered state yet (" + e.getMessage() + "); the journal still holds it, retrying later");
            }
        }
        long end = System.nanoTime();
        int branches = server.prepared().all().size();
        LOG.log(System.Logger.Level.INFO, () -> String.format("opened %s with %d channels and %d prepared transaction"
                + " branches in %d ms (MapDB open %d ms, replay %d ms, checkpoint %d ms)", config.directory(),
                channels.size(), branches, (end - openNanos) / 1_000_000,
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
        return open(config, StoreFiles.SYSTEM);
    }

    /** Opens the store with {@code files} opening its segments and journals (tests inject faults here). */
    static MapDbStore open(MapDbStoreConfig config, StoreFiles files) {
        try {
            Files.createDirectories(config.directory());
        } catch (IOException e) {
            throw SegmentLog.io("cannot create data directory " + config.directory(), e);
        }
        DirectoryLock directoryLock = DirectoryLock.acquire(config.directory());
        StateDb state = null;
        StateBackup backup = null;
        try {
            long openNanos = System.nanoTime();
            StoreRecovery.checkStateFile(config.directory());
            backup = StateBackup.take(config.directory(), files);
            state = StateDb.open(config.directory(), backup);
            return new MapDbStore(config, directoryLock, state, openNanos, files, backup);
        } catch (RuntimeException e) {
            if (state != null) {
                try {
                    state.close();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (backup != null) {
                try {
                    backup.restore();
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
        byte[] raw = server.serverInfo();
        if (raw != null) {
            try {
                info = ServerInfo.parseFrom(raw);
            } catch (InvalidProtocolBufferException e) {
                context.aside().add("state file " + state.file() + ", server info", "not a valid ServerInfo", raw);
            }
        }
        for (Map.Entry<String, byte[]> client : List.copyOf(server.clients().entrySet())) {
            try {
                clients.add(ClientInfo.parseFrom(client.getValue()));
            } catch (InvalidProtocolBufferException e) {
                context.aside().add("state file " + state.file() + ", client \"" + client.getKey() + "\"",
                        "not a valid ClientInfo", client.getValue());
                server.removeClient(client.getKey());
            }
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
            server.setServerInfo(raw);
            wal.record(new JournalRecord.ServerInfoSet(raw));
        }
    }

    @Override
    public void addClient(ClientInfo client) {
        synchronized (lock) {
            ensureOpen();
            byte[] raw = client.toByteArray();
            server.putClient(client.getID(), raw);
            wal.record(new JournalRecord.ClientAdded(client.getID(), raw));
        }
    }

    @Override
    public void deleteClient(String clientId) {
        synchronized (lock) {
            ensureOpen();
            if (server.removeClient(clientId)) {
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
            MapDbChannel channel = MapDbChannel.open(context, number, ChannelMeta.empty(name));
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
    public MessageSchedule schedule() {
        return schedule;
    }

    @Override
    public PreparedTransactions preparedTransactions() {
        return prepared;
    }

    @Override
    public void reportTimings(io.natsjms.store.StoreTimings timings) {
        wal.reportTimings(timings);
    }

    @Override
    public void commit() {
        synchronized (lock) {
            ensureOpen();
            wal.commit();
            if (checkpointer.due(config.checkpointBytes(), config.checkpointIntervalMillis())) {
                try {
                    checkpointer.run(channels.values(), nextChannel);
                } catch (RuntimeException e) {
                    // the commit is durable in the journal; the checkpoint is retried later
                    LOG.log(System.Logger.Level.ERROR, "checkpoint of " + config.directory() + " failed, retrying"
                            + " after " + config.checkpointIntervalMillis() + " ms: " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Writes the commit and leaves its forces to the returned {@link PendingCommit}, except when a
     * checkpoint is due: then it commits and checkpoints at once, as {@link #commit()} does, since a
     * checkpoint needs every commit before it on disk.
     */
    @Override
    public PendingCommit startCommit() {
        synchronized (lock) {
            ensureOpen();
            if (checkpointer.due(config.checkpointBytes(), config.checkpointIntervalMillis())) {
                commit();
                return PendingCommit.DURABLE;
            }
            return wal.start();
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
            } catch (StoreException e) {
                // every commit that returned is in the journal, and the files are as the last one left them
                LOG.log(System.Logger.Level.ERROR, "closing " + config.directory() + ": the last commit or checkpoint"
                        + " failed (" + e.getMessage() + "); the next open recovers from the journal");
                throw e;
            } finally {
                release();
            }
        }
    }

    /** Closes every file, MapDB and the lock, each even if an earlier one fails. */
    private void release() {
        if (syncer != null) {
            syncer.shutdownNow();
        }
        wal.close();
        for (MapDbChannel channel : channels.values()) {
            channel.messages().log().close();
        }
        List<Runnable> steps = List.of(() -> wal.journal().close(), state::close, () -> {
            try {
                directoryLock.close();
            } catch (IOException e) {
                throw SegmentLog.io("cannot release the lock of " + config.directory(), e);
            }
        });
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException | InternalError e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + config.directory() + ": " + e, e);
            }
        }
    }

    /** Changes how many bytes a commit carries in its journal frame instead of forcing segments (tests). */
    void carryLimits(long perChannel, long perCommit) {
        synchronized (lock) {
            wal.carryLimits(perChannel, perCommit);
        }
    }

    /** The journal file commits go to now (for tests that read it back). */
    java.nio.file.Path journalFile() {
        synchronized (lock) {
            return wal.journal().file();
        }
    }

    /**
     * Stops as a killed process would: nothing more is written, committed or checkpointed (appends
     * still in the write buffer are dropped); the files and the directory lock are released. For
     * the tests that damage the files of a crashed store.
     */
    void halt() {
        synchronized (lock) {
            lock.markClosed();
            release();
        }
    }

    private void ensureOpen() {
        lock.ensureOpen();
    }
}
