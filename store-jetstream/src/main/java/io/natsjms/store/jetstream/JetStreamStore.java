package io.natsjms.store.jetstream;

import com.google.protobuf.InvalidProtocolBufferException;
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
import io.natsjms.store.jetstream.pb.ChannelEntry;
import io.natsjms.store.jetstream.pb.SubscriptionEntry;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.NUID;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamState;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The store over a JetStream cluster. Opening it takes the lease (or waits for it), fences earlier
 * holders and loads what the cluster holds; {@link #commit()} then writes, in this order, the entries
 * of new channels, their streams, the appended messages, the other entries (server info, clients,
 * scheduled messages, subscriptions, then prepared transaction branches), and the deletions and purges. See the module README for the
 * layout and what the mapping cannot express.
 */
public final class JetStreamStore implements Store {

    /** The name of this store, as selected in the configuration. */
    public static final String NAME = "jetstream";

    private static final System.Logger LOG = System.getLogger(JetStreamStore.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Bytes of message bodies each channel keeps in memory. */
    private static final long CACHE_BUDGET = 8L << 20;

    private final JetStreamStoreConfig config;
    private final StoreLimits limits;
    private final Connection connection;
    private final JetStream jetStream;
    private final Lease lease;
    private final StateBucket state;
    private final StoreGuard guard;
    private final Changes changes = new Changes();
    private final JetStreamMessageSchedule schedule;
    private final JetStreamPreparedTransactions prepared;
    /** The channels by name; creation and deletion hold this object's monitor, lookups do not. */
    private final Map<String, JetStreamChannelStore> channels = new ConcurrentHashMap<>();
    /** What the cluster held when the store was opened; empty for a new store. */
    private final Optional<RecoveredState> recovered;

    private JetStreamStore(JetStreamStoreConfig config, StoreLimits limits, Connection connection, Lease lease,
                           StateBucket state) throws IOException, JetStreamApiException, InterruptedException {
        this.config = config;
        this.limits = limits;
        this.connection = connection;
        this.jetStream = connection.jetStream();
        this.lease = lease;
        this.state = state;
        this.guard = new StoreGuard(config.prefix(), lease);
        this.schedule = new JetStreamMessageSchedule(guard, changes);
        this.prepared = new JetStreamPreparedTransactions(guard, changes, entryBytes(connection));
        this.recovered = load();
    }

    /**
     * Connects, takes the lease (waiting for it when the configuration says so), fences earlier holders
     * and loads the store.
     *
     * @throws StoreException {@code LOCKED} when another server holds the lease and the configuration
     *                        does not wait, {@code UNAVAILABLE} when the cluster cannot be reached or does
     *                        not answer (see {@link OpenFailure}), {@code IO} when it refuses a request
     */
    public static JetStreamStore open(JetStreamStoreConfig config, StoreLimits limits) {
        Objects.requireNonNull(limits, "limits");
        Connection connection = JetStreamConnections.connect(config);
        Lease lease = null;
        try {
            lease = Lease.acquire(connection, config, owner(), config.waitForLease());
            StateBucket state = StateBucket.open(connection, config, TIMEOUT);
            state.fence(lease.epoch(), lease.owner());
            return new JetStreamStore(config, limits, connection, lease, state);
        } catch (IOException | JetStreamApiException e) {
            closeQuietly(lease, connection);
            throw new StoreException(OpenFailure.reason(e), "opening JetStream store \"" + config.prefix()
                    + "\" at " + config.urls() + " failed: " + e.getMessage(), "store I/O error", e);
        } catch (StoreException e) {
            closeQuietly(lease, connection);
            if (e.reason() == StoreException.Reason.IO && OpenFailure.reason(e) == StoreException.Reason.UNAVAILABLE) {
                throw new StoreException(StoreException.Reason.UNAVAILABLE, "opening JetStream store \""
                        + config.prefix() + "\" at " + config.urls() + " failed: " + e.getMessage(), "store I/O error", e);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(lease, connection);
            throw new StoreException(StoreException.Reason.IO, "interrupted while opening JetStream store \""
                    + config.prefix() + "\"", e);
        } catch (RuntimeException e) {
            closeQuietly(lease, connection);
            throw e;
        }
    }

    /**
     * The largest value the store puts in one entry: three quarters of the server's max payload, so
     * that the headers of a conditional write always fit next to it.
     */
    private static int entryBytes(Connection connection) {
        return Math.max(1024, (int) (connection.getServerInfo().getMaxPayload() * 3 / 4));
    }

    private static String owner() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":" + NUID.nextGlobal();
    }

    /** The epoch of this store's lease: higher than that of every server that wrote the store before. */
    public long epoch() {
        return lease.epoch();
    }

    /** Whether this store still certainly holds its lease (false once another server may have taken over). */
    @Override
    public boolean isOwned() {
        return !guard.isClosed() && lease.isValid();
    }

    private Optional<RecoveredState> load() throws IOException, JetStreamApiException, InterruptedException {
        Map<String, byte[]> entries = state.readAll();
        Map<String, byte[]> scheduled = new LinkedHashMap<>();
        Map<String, byte[]> branches = new LinkedHashMap<>();
        entries.entrySet().removeIf(entry -> {
            String key = entry.getKey();
            Map<String, byte[]> target = key.startsWith(JetStreamMessageSchedule.KEY_PREFIX) ? scheduled
                    : key.startsWith(JetStreamPreparedTransactions.KEY_PREFIX)
                    || key.startsWith(JetStreamPreparedTransactions.CHUNK_PREFIX) ? branches : null;
            if (target != null) {
                target.put(key, entry.getValue());
            }
            return target != null;
        });
        schedule.restore(scheduled, config.naming().stateBucket());
        prepared.restore(branches, config.naming().stateBucket());
        if (entries.isEmpty()) {
            return Optional.empty();
        }
        ServerInfo serverInfo = ServerInfo.getDefaultInstance();
        List<ClientInfo> clients = new ArrayList<>();
        Map<String, ChannelEntry> channelEntries = new LinkedHashMap<>();
        Map<String, List<SubscriptionEntry>> subscriptions = new HashMap<>();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String key = entry.getKey();
            try {
                if (key.equals("server")) {
                    serverInfo = ServerInfo.parseFrom(entry.getValue());
                } else if (key.startsWith("client.")) {
                    clients.add(ClientInfo.parseFrom(entry.getValue()));
                } else if (key.startsWith("channel.")) {
                    ChannelEntry channel = ChannelEntry.parseFrom(entry.getValue());
                    channelEntries.put(channel.getId(), channel);
                } else if (key.startsWith("sub.")) {
                    String channelId = key.substring(4, key.lastIndexOf('.'));
                    subscriptions.computeIfAbsent(channelId, k -> new ArrayList<>())
                            .add(SubscriptionEntry.parseFrom(entry.getValue()));
                }
            } catch (InvalidProtocolBufferException e) {
                throw new StoreException(StoreException.Reason.CORRUPT, "entry \"" + key + "\" of bucket "
                        + config.naming().stateBucket() + " does not decode: " + e.getMessage(), e);
            }
        }
        Map<String, RecoveredChannel> recoveredChannels = new HashMap<>();
        for (ChannelEntry entry : channelEntries.values()) {
            JetStreamChannelStore channel = newChannel(entry.getName(), entry.getId());
            StreamInfo info = channel.stream().ensure(subject(channel), channel.limits().maxMsgs(), config.replicas());
            channel.markStreamReady();
            StreamState streamState = info.getStreamState();
            String name = channel.name();
            boolean scheduledHere = schedule.hasEntriesOf(name);
            boolean sentHere = prepared.hasSendsOn(name);
            channel.messageStore().restore(streamState.getFirstSequence(), streamState.getLastSequence(),
                    streamState.getMsgCount(), msg -> {
                        if (scheduledHere) {
                            schedule.recoveredInChannel(name, msg);
                        }
                        if (sentHere) {
                            prepared.recoveredInChannel(name, msg);
                        }
                    });
            channel.messageStore().purgeDropped();
            channel.subscriptionStore().restore(entry.getLastSubId(),
                    subscriptions.getOrDefault(entry.getId(), List.of()));
            channels.put(channel.name(), channel);
            recoveredChannels.put(channel.name(), new RecoveredChannel(channel, channel.subscriptions().all()));
        }
        prepared.recoveryDone();
        LOG.log(Level.INFO, "JetStream store \"{0}\" (epoch {1}): recovered {2} channels, {3} clients, {4}"
                + " scheduled messages and {5} prepared transaction branches", config.prefix(), lease.epoch(),
                recoveredChannels.size(), clients.size(), schedule.size(), prepared.size());
        return Optional.of(new RecoveredState(serverInfo, clients, recoveredChannels));
    }

    private JetStreamChannelStore newChannel(String name, String id) throws IOException {
        ChannelStream stream = new ChannelStream(connection, config.naming().channelStream(id), name);
        return new JetStreamChannelStore(name, id, limits.forChannel(name), stream, guard, changes,
                MessageStamps::nowNanos, CACHE_BUDGET);
    }

    private String subject(JetStreamChannelStore channel) {
        return config.naming().channelSubject(channel.id(), lease.epoch());
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
        guard.checkOpen();
        return recovered;
    }

    @Override
    public MessageSchedule schedule() {
        guard.checkOpen();
        return schedule;
    }

    @Override
    public PreparedTransactions preparedTransactions() {
        guard.checkOpen();
        return prepared;
    }

    @Override
    public void initServerInfo(ServerInfo info) {
        Objects.requireNonNull(info, "info");
        guard.checkWritable();
        changes.put("server", info.toByteArray());
    }

    @Override
    public void addClient(ClientInfo client) {
        Objects.requireNonNull(client, "client");
        guard.checkWritable();
        changes.put("client." + client.getID(), client.toByteArray());
    }

    @Override
    public void deleteClient(String clientId) {
        Objects.requireNonNull(clientId, "clientId");
        guard.checkWritable();
        changes.put("client." + clientId, null);
    }

    @Override
    public synchronized ChannelStore createChannel(String name) {
        guard.checkWritable();
        ChannelAdmission.check(limits, name, channels.containsKey(name), channels.size());
        JetStreamChannelStore channel;
        try {
            channel = newChannel(name, NUID.nextGlobal());
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "creating channel \"" + name + "\" failed: "
                    + e.getMessage(), "store I/O error", e);
        }
        channels.put(name, channel);
        changes.channelChanged(channel);
        return channel;
    }

    @Override
    public Optional<ChannelStore> lookupChannel(String name) {
        guard.checkOpen();
        return Optional.ofNullable(channels.get(name));
    }

    @Override
    public synchronized boolean deleteChannel(String name) {
        guard.checkWritable();
        JetStreamChannelStore channel = channels.remove(name);
        if (channel == null) {
            return false;
        }
        changes.channelDeleted(channel, channel.subscriptionStore().ids());
        return true;
    }

    @Override
    public synchronized void commit() {
        guard.checkWritable();
        Changes.Batch batch = changes.take();
        try {
            write(batch);
        } catch (StoreException e) {
            changes.putBack(batch);
            throw e;
        } catch (IOException | JetStreamApiException e) {
            changes.putBack(batch);
            throw new StoreException(StoreException.Reason.IO, "commit to JetStream store \"" + config.prefix()
                    + "\" failed: " + e.getMessage(), "store I/O error", e);
        }
        lease.requireValid();
    }

    private void write(Changes.Batch batch) throws IOException, JetStreamApiException {
        if (state.needsResynchronizing()) {
            if (!lease.renew()) {
                lease.requireValid();
            }
            state.resynchronize();
            lease.requireValid();
        }
        Map<String, byte[]> registrations = new LinkedHashMap<>();
        for (JetStreamChannelStore channel : batch.channels()) {
            registrations.put(channel.key(), channel.entry());
        }
        state.write(registrations);
        for (JetStreamChannelStore channel : batch.channels()) {
            if (!channel.streamReady()) {
                channel.stream().ensure(subject(channel), channel.limits().maxMsgs(), config.replicas());
                channel.markStreamReady();
            }
        }
        for (JetStreamChannelStore channel : channels.values()) {
            if (channel.streamReady()) {
                channel.messageStore().publish(jetStream, subject(channel), TIMEOUT.toMillis());
            }
        }
        Map<String, byte[]> others = new LinkedHashMap<>(batch.values());
        for (Changes.SubscriptionKey sub : batch.subscriptions()) {
            others.put(sub.key(), sub.channel().subscriptionStore().entry(sub.subId()));
        }
        others.putAll(batch.last()); // prepared branches after the acks of the same commit
        state.write(others);
        for (JetStreamChannelStore channel : batch.deleted()) {
            if (channel.streamReady()) {
                channel.stream().delete();
            }
        }
        for (JetStreamChannelStore channel : channels.values()) {
            channel.messageStore().purgeDropped();
        }
    }

    @Override
    public void close() {
        if (!guard.close()) {
            return;
        }
        try {
            if (lease.isValid()) {
                synchronized (this) {
                    Changes.Batch batch = changes.take();
                    write(batch);
                }
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.log(Level.WARNING, "JetStream store \"{0}\": the commit on close failed: {1}", config.prefix(),
                    e.getMessage());
        } finally {
            closeQuietly(lease, connection);
        }
    }

    /**
     * Stops as a killed process would: nothing more is written (changes since the last commit are
     * lost); the lease is released so that the next open need not wait for it to expire. For tests.
     */
    void halt() {
        if (guard.close()) {
            closeQuietly(lease, connection);
        }
    }

    private static void closeQuietly(Lease lease, Connection connection) {
        if (lease != null) {
            lease.close();
        }
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
