package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.mapdb.BTreeMap;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;
import org.mapdb.serializer.SerializerArrayTuple;

/**
 * Rewrites a closed store's {@code state.db} in layout 1, the way stores were written before the shared maps: three
 * MapDB maps per channel ({@code idx.<n>}, {@code subs.<n>}, {@code segs.<n>}), no shared maps and no layout version.
 */
final class OldLayoutState {

    private static final SerializerArrayTuple KEY = new SerializerArrayTuple(Serializer.LONG, Serializer.LONG);

    private OldLayoutState() {
    }

    static void rewrite(Path dir) throws IOException {
        Path file = dir.resolve(StateDb.FILE_NAME);
        Path old = dir.resolve("old-layout.tmp");
        DB from = open(file);
        DB to = open(old);
        try {
            for (String name : List.of("meta", "clients", StateDb.SCHEDULED, StateDb.SET_ASIDE)) {
                to.treeMap(name, Serializer.STRING, Serializer.BYTE_ARRAY).createOrOpen()
                        .putAll(from.treeMap(name, Serializer.STRING, Serializer.BYTE_ARRAY).open());
            }
            to.treeMap(StateDb.PREPARED, Serializer.STRING, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                    .createOrOpen().putAll(from.treeMap(StateDb.PREPARED, Serializer.STRING, Serializer.BYTE_ARRAY)
                            .valuesOutsideNodesEnable().open());
            to.treeMap("channels", Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen()
                    .putAll(from.treeMap("channels", Serializer.LONG, Serializer.BYTE_ARRAY).open());
            to.treeMap("deletedChannels", Serializer.LONG, Serializer.STRING).createOrOpen()
                    .putAll(from.treeMap("deletedChannels", Serializer.LONG, Serializer.STRING).open());
            to.treeMap("meta", Serializer.STRING, Serializer.BYTE_ARRAY).open().remove(StateDb.LAYOUT);
            for (Map.Entry<Object[], byte[]> e : sharedIndex(from).entrySet()) {
                to.treeMap("idx." + e.getKey()[0], Serializer.LONG, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable()
                        .createOrOpen().put((Long) e.getKey()[1], e.getValue());
            }
            for (Map.Entry<Object[], byte[]> e : sharedSubscriptions(from).entrySet()) {
                to.treeMap("subs." + e.getKey()[0], Serializer.LONG, Serializer.BYTE_ARRAY).createOrOpen()
                        .put((Long) e.getKey()[1], e.getValue());
            }
            for (Map.Entry<Object[], Long> e : sharedSegmentSizes(from).entrySet()) {
                to.treeMap("segs." + e.getKey()[0], Serializer.LONG, Serializer.LONG).createOrOpen()
                        .put((Long) e.getKey()[1], e.getValue());
            }
            to.commit();
        } finally {
            to.close();
            from.close();
        }
        Files.move(old, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static DB open(Path file) {
        return DBMaker.fileDB(file.toFile()).transactionEnable().fileLockDisable().make();
    }

    private static BTreeMap<Object[], byte[]> sharedIndex(DB db) {
        return db.treeMap(StateDb.INDEX, KEY, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().open();
    }

    private static BTreeMap<Object[], byte[]> sharedSubscriptions(DB db) {
        return db.treeMap(StateDb.SUBSCRIPTIONS, KEY, Serializer.BYTE_ARRAY).valuesOutsideNodesEnable().open();
    }

    private static BTreeMap<Object[], Long> sharedSegmentSizes(DB db) {
        return db.treeMap(StateDb.SEGMENT_SIZES, KEY, Serializer.LONG).open();
    }
}
