package io.natsjms.store.mapdb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Records that recovery could not bring back (a damaged subscription or client record): each is
 * reported at WARNING with where it was and why, left out of the recovered state, and its raw bytes
 * are kept in the state file's {@code setAside} map (key: where and why) at the next checkpoint,
 * so that nothing is deleted and the rest of the store comes back. Guarded by the store lock.
 */
final class SetAside {

    private static final System.Logger LOG = System.getLogger(SetAside.class.getName());

    private final Map<String, byte[]> pending = new LinkedHashMap<>();

    /** Sets {@code raw} aside; {@code where} names the file and key, {@code why} the problem. */
    void add(String where, String why, byte[] raw) {
        String key = where + ": " + why;
        LOG.log(System.Logger.Level.WARNING, "set aside " + key + " (" + raw.length + " bytes kept in the "
                + StateDb.FILE_NAME + " map \"" + StateDb.SET_ASIDE + "\"); the rest of the store is recovered");
        pending.put(key, raw.clone());
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Writes the set-aside records to MapDB (part of a checkpoint). */
    void checkpoint(StateDb state) {
        state.setAside.putAll(pending);
    }

    void checkpointDone() {
        pending.clear();
    }
}
