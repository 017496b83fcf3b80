package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * The MapDB file {@code state.db}: the checkpointed state (server info, clients, channel catalogue,
 * subscriptions) and the per-channel message index. Changes made between two {@link #commit()}s
 * are rolled back by MapDB after a crash; the journal and segments hold them.
 */
final class StateDb implements AutoCloseable {

    static final String FILE_NAME = "state.db";

    static final String SERVER_INFO = "serverInfo";
    static final String NEXT_CHANNEL = "nextChannel";
    static final String JOURNAL = "journal";
    static final String COMMIT = "commit";
    /** The map of records recovery set aside (see SetAside). */
    static final String SET_ASIDE = "setAside";

    private final Path file;
    private final DB db;
    /** Scalars: server info, next channel number, journal file and last commit covered. */
    final BTreeMap<String, byte[]> meta;
    /** Client ID → serialized ClientInfo. */
    final BTreeMap<String, byte[]> clients;
    /** Channel number → encoded {@link ChannelMeta}. */
    final BTreeMap<Long, byte[]> channels;
    /** Where and why → raw bytes of a record recovery could not use. */
    final BTreeMap<String, byte[]> setAside;

    private StateDb(Path file, DB db) {
        this.file = file;
        this.db = db;
        this.meta = db.treeMap("meta", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.clients = db.treeMap("clients", Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
        this.channels = db.treeMap("channels", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
        this.setAside = db.treeMap(SET_ASIDE, Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen();
    }

    /**
     * Opens (or creates) the state file.
     *
     * @throws StoreException {@code CORRUPT} naming the file if MapDB cannot read it
     */
    static StateDb open(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        DB db = null;
        try {
            db = DBMaker.fileDB(file.toFile())
                    .fileMmapEnableIfSupported()
                    .cleanerHackEnable()
                    .transactionEnable()
                    .fileLockDisable()
                    .make();
            return new StateDb(file, db);
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
                    + " are lost with this file: move it away to start from an empty state", e);
        }
    }

    /** The message index of a channel: block number → encoded block (see {@link MessageIndex}). */
    BTreeMap<Long, byte[]> index(long channel) {
        return db.treeMap("idx." + channel, Serializer.LONG, Serializer.BYTE_ARRAY)
                .valuesOutsideNodesEnable().createOrOpen();
    }

    /** The subscriptions of a channel: ID → encoded state and pending sequences. */
    BTreeMap<Long, byte[]> subscriptions(long channel) {
        return db.treeMap("subs." + channel, Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen();
    }

    long getLong(String key, long defaultValue) {
        byte[] value = meta.get(key);
        return value == null ? defaultValue : ByteBuffer.wrap(value).getLong();
    }

    void putLong(String key, long value) {
        meta.put(key, ByteBuffer.allocate(8).putLong(value).array());
    }

    Path file() {
        return file;
    }

    /** Makes every change since the last commit durable in MapDB's own write-ahead log. */
    void commit() {
        db.commit();
    }

    @Override
    public void close() {
        db.close();
    }
}
