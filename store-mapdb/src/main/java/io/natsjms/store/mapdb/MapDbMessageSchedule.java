package io.natsjms.store.mapdb;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ScheduledMsg;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The scheduled messages of the MapDB store: held whole in {@link ServerRecords}, each put or
 * removal journaled like a client change (record types 14 and 15), checkpointed into the
 * {@code scheduled} map of {@code state.db}. Every method holds the store lock.
 */
final class MapDbMessageSchedule implements MessageSchedule {

    private final StoreGuard lock;
    private final WriteAheadLog wal;
    private final ServerRecords records;

    MapDbMessageSchedule(StoreGuard lock, WriteAheadLog wal, ServerRecords records) {
        this.lock = lock;
        this.wal = wal;
        this.records = records;
    }

    /** The key of an entry: a channel name has no space, so the first space ends it. */
    private static String key(String channel, String guid) {
        return Objects.requireNonNull(channel, "channel") + " " + Objects.requireNonNull(guid, "guid");
    }

    @Override
    public void put(ScheduledMsg msg) {
        MessageSchedule.validate(msg);
        byte[] raw = msg.toByteArray();
        String key = key(msg.getChannel(), msg.getGuid());
        synchronized (lock) {
            lock.ensureOpen();
            records.scheduled().put(key, raw);
            wal.record(new JournalRecord.ScheduledPut(key, raw));
        }
    }

    @Override
    public Optional<ScheduledMsg> get(String channel, String guid) {
        synchronized (lock) {
            byte[] raw = records.scheduled().get(key(channel, guid));
            return raw == null ? Optional.empty() : Optional.of(parse(key(channel, guid), raw));
        }
    }

    @Override
    public boolean remove(String channel, String guid) {
        String key = key(channel, guid);
        synchronized (lock) {
            lock.ensureOpen();
            if (!records.scheduled().remove(key)) {
                return false;
            }
            wal.record(new JournalRecord.ScheduledRemoved(key));
            return true;
        }
    }

    @Override
    public List<ScheduledMsg> all() {
        List<ScheduledMsg> all = new ArrayList<>();
        synchronized (lock) {
            records.scheduled().all().forEach((key, raw) -> all.add(parse(key, raw)));
        }
        all.sort(DUE_ORDER);
        return all;
    }

    /** Values are checked when they are loaded or replayed; one that does not parse now is damage in memory. */
    private static ScheduledMsg parse(String key, byte[] raw) {
        try {
            return ScheduledMsg.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw new StoreException(StoreException.Reason.CORRUPT, "scheduled message \"" + key
                    + "\" does not decode: " + e.getMessage(), e);
        }
    }
}
