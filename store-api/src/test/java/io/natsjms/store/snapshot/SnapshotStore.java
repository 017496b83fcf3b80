package io.natsjms.store.snapshot;

import io.natsjms.store.ChannelAdmission;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.MessageStamps;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.PreparedTx;
import io.natsjms.store.spb.ScheduledMsg;
import io.natsjms.store.spb.ServerInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A deliberately simple persistent store for the contract's own tests: it keeps everything in
 * memory and writes a full snapshot of it on every commit. It proves that the recovery contract
 * holds for some persistent implementation built on the shared limit logic; it is not meant for
 * production (a commit costs a full rewrite). One monitor, this object, guards everything.
 */
final class SnapshotStore implements Store {

    private final StoreLimits limits;
    private final Path directory;
    private final SnapshotFile snapshot;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final RecoveredState recovered;

    // guarded by this
    ServerInfo serverInfo;
    final Map<String, ClientInfo> clients = new LinkedHashMap<>();
    final Map<String, SnapshotChannel> channels = new TreeMap<>();
    /** Scheduled messages by channel and guid ({@code channel + " " + guid}). */
    final Map<String, ScheduledMsg> scheduled = new TreeMap<>();
    private final MessageSchedule schedule = new Schedule();
    /** Prepared transaction branches by id. */
    final Map<BranchId, PreparedTx> prepared = new LinkedHashMap<>();
    private final PreparedTransactions preparedTransactions = new Prepared();
    private boolean closed;

    SnapshotStore(Path directory, StoreLimits limits) {
        this.directory = directory;
        this.limits = limits;
        this.snapshot = new SnapshotFile(directory);
        try {
            lockChannel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "cannot open the lock file in " + directory, e);
        }
        lock = tryLock();
        try {
            recovered = load();
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
    }

    private synchronized RecoveredState load() {
        snapshot.read(this);
        long now = MessageStamps.nowNanos();
        channels.values().forEach(channel -> channel.applyLimits(now));
        return serverInfo == null ? null : recoveredState();
    }

    private FileLock tryLock() {
        FileLock acquired = null;
        try {
            acquired = lockChannel.tryLock();
        } catch (OverlappingFileLockException | IOException e) {
            acquired = null;
        }
        if (acquired == null) {
            try {
                lockChannel.close();
            } catch (IOException ignored) {
                // the lock failure is what the caller needs to know
            }
            throw new StoreException(StoreException.Reason.LOCKED, "directory " + directory + " is locked by another store");
        }
        return acquired;
    }

    private RecoveredState recoveredState() {
        Map<String, RecoveredChannel> result = new TreeMap<>();
        channels.forEach((name, channel) -> result.put(name, new RecoveredChannel(channel, channel.subscriptions().all())));
        return new RecoveredState(serverInfo, clients.values().stream().toList(), result);
    }

    void checkOpen() {
        if (closed) {
            throw new StoreException(StoreException.Reason.CLOSED, "store \"snapshot\" in " + directory + " is closed");
        }
    }

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public StoreLimits limits() {
        return limits;
    }

    @Override
    public Optional<RecoveredState> recover() {
        return Optional.ofNullable(recovered);
    }

    @Override
    public synchronized void initServerInfo(ServerInfo info) {
        checkOpen();
        serverInfo = info;
    }

    @Override
    public synchronized void addClient(ClientInfo client) {
        checkOpen();
        clients.put(client.getID(), client);
    }

    @Override
    public synchronized void deleteClient(String clientId) {
        checkOpen();
        clients.remove(clientId);
    }

    @Override
    public synchronized ChannelStore createChannel(String name) {
        checkOpen();
        ChannelAdmission.check(limits, name, channels.containsKey(name), channels.size());
        SnapshotChannel channel = new SnapshotChannel(this, name, limits.forChannel(name));
        channels.put(name, channel);
        return channel;
    }

    @Override
    public synchronized Optional<ChannelStore> lookupChannel(String name) {
        checkOpen();
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public synchronized boolean deleteChannel(String name) {
        checkOpen();
        return channels.remove(name) != null;
    }

    @Override
    public MessageSchedule schedule() {
        return schedule;
    }

    @Override
    public PreparedTransactions preparedTransactions() {
        return preparedTransactions;
    }

    /** The prepared branches, under the store's monitor like everything else. */
    private final class Prepared implements PreparedTransactions {

        @Override
        public void put(PreparedTx tx) {
            synchronized (SnapshotStore.this) {
                checkOpen();
                PreparedTransactions.validate(tx);
                prepared.put(tx.getId(), tx);
            }
        }

        @Override
        public Optional<PreparedTx> get(BranchId id) {
            synchronized (SnapshotStore.this) {
                return Optional.ofNullable(prepared.get(id));
            }
        }

        @Override
        public boolean remove(BranchId id) {
            synchronized (SnapshotStore.this) {
                checkOpen();
                return prepared.remove(id) != null;
            }
        }

        @Override
        public List<PreparedTx> all() {
            synchronized (SnapshotStore.this) {
                return prepared.values().stream().sorted(PREPARE_ORDER).toList();
            }
        }
    }

    /** The scheduled messages, under the store's monitor like everything else. */
    private final class Schedule implements MessageSchedule {

        @Override
        public void put(ScheduledMsg msg) {
            synchronized (SnapshotStore.this) {
                checkOpen();
                MessageSchedule.validate(msg);
                scheduled.put(msg.getChannel() + " " + msg.getGuid(), msg);
            }
        }

        @Override
        public Optional<ScheduledMsg> get(String channel, String guid) {
            synchronized (SnapshotStore.this) {
                return Optional.ofNullable(scheduled.get(channel + " " + guid));
            }
        }

        @Override
        public boolean remove(String channel, String guid) {
            synchronized (SnapshotStore.this) {
                checkOpen();
                return scheduled.remove(channel + " " + guid) != null;
            }
        }

        @Override
        public List<ScheduledMsg> all() {
            synchronized (SnapshotStore.this) {
                return scheduled.values().stream().sorted(DUE_ORDER).toList();
            }
        }
    }

    @Override
    public synchronized void commit() {
        checkOpen();
        snapshot.write(this);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            snapshot.write(this);
        } finally {
            closed = true;
            releaseLock();
        }
    }

    /** Stops as a killed process would: nothing more is written; the lock is released. */
    synchronized void crash() {
        if (!closed) {
            closed = true;
            releaseLock();
        }
    }

    private void releaseLock() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "cannot release the lock of " + directory, e);
        }
    }
}
