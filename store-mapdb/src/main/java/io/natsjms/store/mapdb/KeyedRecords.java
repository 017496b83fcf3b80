package io.natsjms.store.mapdb;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.mapdb.BTreeMap;

/**
 * A store-wide table of records held whole in memory (the scheduled messages, the prepared
 * transaction branches), keyed by a string: changes are journaled by their owner, and a checkpoint
 * writes the changed records, each with a CRC, to one MapDB map. What changed is forgotten only once
 * MapDB committed, so a failed checkpoint loses nothing. Guarded by the store lock.
 */
final class KeyedRecords {

    private final Map<String, byte[]> records = new HashMap<>();
    private final Set<String> changed = new HashSet<>();

    /**
     * Loads the checkpointed records of {@code map}, handing each whose checksum fails to
     * {@code damaged} (key and raw value) instead; such a record is removed from the map at the next
     * checkpoint (its bytes are kept where {@code damaged} puts them).
     */
    void load(BTreeMap<String, byte[]> map, BiConsumer<String, byte[]> damaged) {
        for (Map.Entry<String, byte[]> e : map.entrySet()) {
            if (ValueChecksum.valid(e.getValue())) {
                records.put(e.getKey(), Arrays.copyOf(e.getValue(), e.getValue().length - 4));
            } else {
                damaged.accept(e.getKey(), e.getValue());
                changed.add(e.getKey());
            }
        }
    }

    /** Every record by key (live view; do not change it). */
    Map<String, byte[]> all() {
        return records;
    }

    byte[] get(String key) {
        return records.get(key);
    }

    void put(String key, byte[] value) {
        records.put(key, value);
        changed.add(key);
    }

    boolean remove(String key) {
        changed.add(key);
        return records.remove(key) != null;
    }

    /** Writes the changed records to {@code map} (not committed there yet). */
    void checkpoint(BTreeMap<String, byte[]> map) {
        for (String key : changed) {
            byte[] value = records.get(key);
            if (value == null) {
                map.remove(key);
            } else {
                map.put(key, ValueChecksum.append(value));
            }
        }
    }

    /** MapDB committed the last {@link #checkpoint}. */
    void checkpointDone() {
        changed.clear();
    }
}
