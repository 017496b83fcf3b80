package io.natsjms.store.mapdb;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedTx;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The prepared transaction branches of the MapDB store, the way {@link MapDbMessageSchedule} keeps the
 * scheduled messages: held whole in {@link ServerRecords}, each put or removal journaled (record types
 * 16 and 17) and so committed with the appends and acknowledgements of the same {@code commit()},
 * checkpointed into the {@code prepared} map of {@code state.db}. Every method holds the store lock.
 */
final class MapDbPreparedTransactions implements PreparedTransactions {

    private final StoreGuard lock;
    private final WriteAheadLog wal;
    private final ServerRecords records;

    MapDbPreparedTransactions(StoreGuard lock, WriteAheadLog wal, ServerRecords records) {
        this.lock = lock;
        this.wal = wal;
        this.records = records;
    }

    @Override
    public void put(PreparedTx tx) {
        PreparedTransactions.validate(tx);
        byte[] raw = tx.toByteArray();
        String key = BranchKey.of(tx.getId());
        synchronized (lock) {
            lock.ensureOpen();
            records.prepared().put(key, raw);
            wal.record(new JournalRecord.PreparedPut(key, raw));
        }
    }

    @Override
    public Optional<PreparedTx> get(BranchId id) {
        String key = BranchKey.of(Objects.requireNonNull(id, "id"));
        synchronized (lock) {
            byte[] raw = records.prepared().get(key);
            return raw == null ? Optional.empty() : Optional.of(parse(key, raw));
        }
    }

    @Override
    public boolean remove(BranchId id) {
        String key = BranchKey.of(Objects.requireNonNull(id, "id"));
        synchronized (lock) {
            lock.ensureOpen();
            if (!records.prepared().remove(key)) {
                return false;
            }
            wal.record(new JournalRecord.PreparedRemoved(key));
            return true;
        }
    }

    @Override
    public List<PreparedTx> all() {
        List<PreparedTx> all = new ArrayList<>();
        synchronized (lock) {
            records.prepared().all().forEach((key, raw) -> all.add(parse(key, raw)));
        }
        all.sort(PREPARE_ORDER);
        return all;
    }

    /**
     * Why a stored branch cannot be brought back (recovery sets such a record aside), or empty if it
     * can: it must decode, and be stored under the key of its own id.
     */
    static Optional<String> problem(String key, byte[] raw) {
        try {
            PreparedTx tx = PreparedTx.parseFrom(raw);
            if (!tx.hasId() || !BranchKey.of(tx.getId()).equals(key)) {
                return Optional.of("its branch id (" + (tx.hasId() ? BranchKey.of(tx.getId()) : "none")
                        + ") is not the one it is stored under");
            }
            return Optional.empty();
        } catch (InvalidProtocolBufferException e) {
            return Optional.of("not a valid PreparedTx (" + e.getMessage() + ")");
        }
    }

    /** Values are checked when they are loaded or replayed; one that does not parse now is damage in memory. */
    private static PreparedTx parse(String key, byte[] raw) {
        try {
            return PreparedTx.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "prepared transaction branch " + key
                    + " does not decode: " + e.getMessage(), e);
        }
    }
}
