package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;

/**
 * The MapDB file {@code state.db}: the checkpointed state (server info, clients, scheduled messages, prepared
 * transaction branches, channel catalogue, subscriptions) and the message index. The state of the channels lives in
 * three maps shared by all channels, keyed by (channel number, key); {@link #index}, {@link #subscriptions} and
 * {@link #segmentSizes} show one channel's part. Changes made between two {@link #commit()}s
 * are rolled back by MapDB after a crash; the journal and segments hold them.
 */
final class StateDb implements AutoCloseable {

    static final String FILE_NAME = "state.db";

    static final String SERVER_INFO = "serverInfo";
    static final String NEXT_CHANNEL = "nextChannel";
    static final String JOURNAL = "journal";
    static final String COMMIT = "commit";
    /** The map of the scheduled messages. */
    static final String SCHEDULED = "scheduled";
    /** The map of the prepared transaction branches. */
    static final String PREPARED = "prepared";
    /** The map of records recovery set aside (see SetAside). */
    static final String SET_ASIDE = "setAside";

    /** The maps holding the state of all channels, keyed by (channel number, key). */
    static final String INDEX = "index";
    static final String SUBSCRIPTIONS = "subscriptions";
    static final String SEGMENT_SIZES = "segmentSizes";
    /** The key in the meta map of the layout version (see {@link StateLayout}). */
    static final String LAYOUT = "layout";

    private static final SerializerArrayTuple CHANNEL_KEY = new SerializerArrayTuple(Serializer.LONG, Serializer.LONG);

    private final Path file;
    private final DB db;
    /** Scalars: server info, next channel number, journal file and last commit covered. */
    final BTreeMap<String, byte[]> meta;
    /** Client ID → serialized ClientInfo. */
    final BTreeMap<String, byte[]> clients;
    /** {@code channel + " " + guid} → serialized ScheduledMsg with a CRC. */
    final BTreeMap<String, byte[]> scheduled;
    /** {@link BranchKey} → serialized PreparedTx with a CRC. */
    final BTreeMap<String, byte[]> prepared;
    /** Channel number → encoded {@link ChannelMeta}. */
    final BTreeMap<Long, byte[]> channels;
    /** Channel number → name of deleted channels whose files may still exist (removed once they are gone). */
    final BTreeMap<Long, String> deletedChannels;
    /** Where and why → raw bytes of a record recovery could not use. */
    final BTreeMap<String, byte[]> setAside;
    /** (channel, block number) → encoded index block of all channels (see {@link #index}). */
    final BTreeMap<Object[], byte[]> index;
    /** (channel, subscription ID) → encoded subscription of all channels (see {@link #subscriptions}). */
    final BTreeMap<Object[], byte[]> subscriptions;
    /** (channel, segment number) → size of a full segment file of all channels (see {@link #segmentSizes}). */
    final BTreeMap<Object[], Long> segmentSizes;

    private StateDb(Path file, DB db) {
        this.file = file;
        this.db = db;
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.clients = db.treeMap("clients", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.scheduled = db.treeMap(SCHEDULED, Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        // a branch may be megabytes: outside the nodes, a put does not rewrite its neighbours
        this.prepared = db.treeMap(PREPARED, Serializer.STRING, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.channels = db.treeMap("channels", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.deletedChannels = db.treeMap("deletedChannels", Serializer.LONG, Serializer.STRING).createOrOpen();
        this.setAside = db.treeMap(SET_ASIDE, Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        // index blocks and pending sets may be large: outside the nodes, a put does not rewrite its neighbours
        this.index = db.treeMap(INDEX, CHANNEL_KEY, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                .createOrOpen();
        this.subscriptions = db.treeMap(SUBSCRIPTIONS, CHANNEL_KEY, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
        this.segmentSizes = db.treeMap(SEGMENT_SIZES, CHANNEL_KEY, Serializer.LONG).createOrOpen();
    }

    /**
     * Opens (or creates) the state file without a copy of it: a state file of an older layout is refused (see
     * {@link StateLayout}).
     *
     * @throws StoreException {@code CORRUPT} naming the file if MapDB cannot read it
     */
    static StateDb open(Path directory) {
        return open(directory, StateBackup.none(directory));
    }

    /**
     * Opens (or creates) the state file, upgrading its layout if it is older and {@code backup} holds a copy.
     *
     * @throws StoreException {@code CORRUPT} naming the file if MapDB cannot read it; {@code IO} if it must be
     *                        upgraded and no copy is held
     */
    static StateDb open(Path directory, StateBackup backup) {
        Path file = directory.resolve(FILE_NAME);
        DB db = null;
        try {
            db = DBMaker.fileDB(file.toFile())
                    .fileMmapEnableIfSupported()
                    .cleanerHackEnable()
                    .transactionEnable()
                    .fileLockDisable()
                    .make();
            StateDb state = new StateDb(file, db);
            StateLayout.upgrade(state, backup);
            return state;
        } catch (StoreException e) {
            closeQuietly(db, e);
            throw e;
        } catch (RuntimeException | Error e) {
            if (db != null) {
                try {
                    db.close();
                } catch (RuntimeException ignored) {
                    // reporting the first failure matters more
                }
            }
            throw new StoreException(StoreException.Reason.CORRUPT, "state file " + file
                    + " cannot be opened (" + e + "); the message segments under " + directory.resolve("channels")
                    + " and the journal files are intact, but clients, subscriptions and the message index"
                    + " are lost with this file. Nothing was changed; restore it from a backup (the store refuses to"
                    + " start without it while it holds messages; to start empty, move the whole data directory away)",
                    e);
        }
    }

    /** The message index of a channel: block number → encoded block (see {@link MessageIndex}). */
    ChannelSlice<byte[]> index(long channel) {
        return new ChannelSlice<>(index, channel);
    }

    /** The subscriptions of a channel: ID → encoded state and pending sequences. */
    ChannelSlice<byte[]> subscriptions(long channel) {
        return new ChannelSlice<>(subscriptions, channel);
    }

    /** The sizes of the full (rotated) segment files of a channel: segment number → bytes. */
    ChannelSlice<Long> segmentSizes(long channel) {
        return new ChannelSlice<>(segmentSizes, channel);
    }

    /**
     * A number of the meta map (8 bytes and a CRC; values written before the CRC have 8 bytes).
     *
     * @throws StoreException {@code CORRUPT} naming the file and key if the value is damaged
     */
    long getLong(String key, long defaultValue) {
        byte[] value = meta.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value.length != 8 && (value.length != 12 || !ValueChecksum.valid(value))) {
            throw new StoreException(StoreException.Reason.CORRUPT, "state file " + file + ": the value of \""
                    + key + "\" is damaged (" + value.length + " bytes). Nothing was changed");
        }
        long result = ByteBuffer.wrap(value).getLong();
        if (result < 0) {
            throw new StoreException(StoreException.Reason.CORRUPT, "state file " + file + ": the value of \""
                    + key + "\" is negative (" + result + "). Nothing was changed");
        }
        return result;
    }

    void putLong(String key, long value) {
        meta.put(key, ValueChecksum.append(ByteBuffer.allocate(8).putLong(value).array()));
    }

    Path file() {
        return file;
    }

    /** Makes every change since the last commit durable in MapDB's own write-ahead log. */
    void commit() {
        db.commit();
    }

    /** The MapDB database, for {@link StateLayout}. */
    DB db() {
        return db;
    }

    private static void closeQuietly(DB db, RuntimeException failure) {
        try {
            db.close();
        } catch (RuntimeException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    @Override
    public void close() {
        db.close();
    }
}
