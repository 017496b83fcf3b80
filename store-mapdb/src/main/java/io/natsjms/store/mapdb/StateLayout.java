package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.Serializer;

/**
 * The layout version of {@code state.db}, recorded under {@link StateDb#LAYOUT} in the meta map, and the upgrade of
 * a store written with an older layout.
 *
 * <ol>
 *   <li>Three MapDB maps per channel, {@code idx.<n>}, {@code subs.<n>} and {@code segs.<n>} (no version recorded).
 *       Creating a channel got slower with every channel there was: MapDB rewrites its whole catalogue of map
 *       names whenever a map is created.</li>
 *   <li>Three maps shared by all channels, keyed by (channel number, key).</li>
 * </ol>
 *
 * <p>The upgrade copies the entries of the per-channel maps into the shared maps and empties the per-channel maps
 * (MapDB cannot drop a map; the empty ones stay in the catalogue), all in one MapDB commit together with the new
 * version: a crash in between leaves the old layout, which the next open upgrades again. A crash after it leaves the
 * copy {@link StateBackup} took before the open, which the next open puts back and upgrades again. Without that
 * copy (a full disk) a store of an older layout is not rewritten: the open is refused.
 */
final class StateLayout {

    /** The layout this code writes. */
    static final long CURRENT = 2;
    /** The layout of a store that records no version. */
    static final long PER_CHANNEL_MAPS = 1;

    private static final System.Logger LOG = System.getLogger(StateLayout.class.getName());
    private static final Pattern PER_CHANNEL_MAP = Pattern.compile("(idx|subs|segs)\\.(\\d+)");

    private StateLayout() {
    }

    /**
     * Brings {@code state} to the {@link #CURRENT} layout, committing if anything changed.
     *
     * @param backup the copy of the state file taken before the open; an upgrade is only made while it is held
     * @throws StoreException {@code CORRUPT} naming the file and both versions if the store has a newer layout;
     *                        {@code IO} naming the file if it has an older layout and {@code backup} holds no copy
     */
    static void upgrade(StateDb state, StateBackup backup) {
        long found = state.getLong(StateDb.LAYOUT, PER_CHANNEL_MAPS);
        if (found > CURRENT) {
            throw new StoreException(StoreException.Reason.CORRUPT, "state file " + state.file()
                    + " has layout version " + found + ", but this version of the store reads layout version "
                    + CURRENT + " at most: it was written by a newer version of natsjms; open it with that version."
                    + " Nothing was changed");
        }
        if (found == CURRENT) {
            return;
        }
        if (!backup.taken() && !state.meta.isEmpty()) {
            throw new StoreException(StoreException.Reason.IO, "state file " + state.file() + " has layout version "
                    + found + " and this version of the store rewrites it to layout version " + CURRENT + ", but "
                    + backup.whyNotTaken() + "; the state file is not rewritten without a copy to go back to."
                    + " Nothing was changed; free at least the size of " + state.file() + " and its write-ahead files"
                    + " (" + StateDb.FILE_NAME + ".wal.*) on that disk and start again");
        }
        DB db = state.db();
        List<String> names = new ArrayList<>();
        db.getAllNames().forEach(names::add);
        long started = System.nanoTime();
        int maps = 0;
        long entries = 0;
        for (String name : names) {
            Matcher m = PER_CHANNEL_MAP.matcher(name);
            if (!m.matches()) {
                continue;
            }
            long channel = Long.parseLong(m.group(2));
            entries += switch (m.group(1)) {
                case "idx" -> move(db.treeMap(name, Serializer.LONG, Serializer.BYTE_ARRAY)
                        .valuesOutsideNodesEnable().open(), state.index, channel);
                case "subs" -> move(db.treeMap(name, Serializer.LONG, Serializer.BYTE_ARRAY).open(),
                        state.subscriptions, channel);
                default -> move(db.treeMap(name, Serializer.LONG, Serializer.LONG).open(), state.segmentSizes,
                        channel);
            };
            maps++;
        }
        state.putLong(StateDb.LAYOUT, CURRENT);
        backup.reached(OpenStep.LAYOUT_MOVED);
        state.commit();
        backup.reached(OpenStep.LAYOUT_COMMITTED);
        if (maps > 0) {
            LOG.log(System.Logger.Level.INFO, "state file {0}: moved {1} entries of {2} per-channel maps into the"
                    + " shared maps (layout {3} to {4}) in {5} ms", state.file(), entries, maps, found, CURRENT,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static <V> long move(BTreeMap<Long, V> old, BTreeMap<Object[], V> shared, long channel) {
        long moved = 0;
        for (var e : old.entrySet()) {
            shared.put(ChannelSlice.key(channel, e.getKey()), e.getValue());
            moved++;
        }
        old.clear();
        return moved;
    }
}
