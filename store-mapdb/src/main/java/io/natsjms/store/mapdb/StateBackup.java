package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A copy of the state file (and MapDB's own write-ahead files) taken before MapDB opens it: MapDB
 * may rewrite parts of a damaged file while opening it, the layout upgrade rewrites it, and a refused
 * open must leave the data directory as it was. The copy lives in {@code <dir>/.state-before-open}
 * until recovery has checked everything ({@link #discard()}) or the open failed ({@link #restore()}).
 * A copy left by an open that was interrupted before that point is put back first: it is the state
 * from before.
 *
 * <p>A copy counts only once it is marked complete, and the mark is written (and synced) after the
 * copied files; it is removed first when the copy is dropped, and last when the copy is put back, which
 * copies the files back rather than moving them: an interrupted restore is simply done again at the next
 * open. If the copy cannot be made (a full disk), the store opens without it ({@link #taken()} is false),
 * unless the open would rewrite the state file (see {@link StateLayout}).
 */
final class StateBackup {

    static final String DIRECTORY = ".state-before-open";

    private static final System.Logger LOG = System.getLogger(StateBackup.class.getName());

    /** Written once the copy is complete. */
    static final String COMPLETE = "complete";

    private final Path directory;
    private final Path copy;
    private final StoreFiles files;
    private boolean active = true;
    /** Why no copy was taken; null while one is held. */
    private String missing;

    private StateBackup(Path directory, StoreFiles files) {
        this.directory = directory;
        this.copy = directory.resolve(DIRECTORY);
        this.files = files;
    }

    /** Takes the copy of the state files of {@code directory}, after putting back one an interrupted open left. */
    static StateBackup take(Path directory, StoreFiles files) {
        StateBackup backup = new StateBackup(directory, files);
        if (Files.isDirectory(backup.copy)) {
            if (Files.exists(backup.copy.resolve(COMPLETE))) {
                LOG.log(System.Logger.Level.WARNING, "an earlier open of {0} was interrupted; putting its copy of the"
                        + " state file back", directory);
                backup.restore();
                backup.active = true;
            } else {
                backup.deleteCopy(); // interrupted while copying: the state file itself was not opened yet
            }
        }
        try {
            Files.createDirectories(backup.copy);
            for (Path file : stateFiles(directory)) {
                Path target = backup.copy.resolve(file.getFileName());
                files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                force(target);
                files.reached(OpenStep.BACKUP_FILE_COPIED);
            }
            DirectorySync.force(backup.copy);
            Files.createFile(backup.copy.resolve(COMPLETE));
            DirectorySync.force(backup.copy);
        } catch (IOException e) {
            // a full disk must not stop a restart: open without the copy (StateLayout refuses to upgrade then)
            LOG.log(System.Logger.Level.WARNING, "cannot copy the state file of " + directory + " before opening it ("
                    + e + "); opening without a copy (if the open is refused, MapDB may have rewritten parts of it)");
            backup.deleteCopy();
            backup.active = false;
            backup.missing = "the copy of it in " + backup.copy + " could not be made (" + e + ")";
            return backup;
        }
        backup.reached(OpenStep.BACKUP_COMPLETE);
        return backup;
    }

    /** No copy: for opening the state file outside a store's open (tools and tests). */
    static StateBackup none(Path directory) {
        StateBackup backup = new StateBackup(directory, StoreFiles.SYSTEM);
        backup.active = false;
        backup.missing = "it is opened without taking a copy of it";
        return backup;
    }

    /** Whether a complete copy is held, to go back to if the open fails. */
    boolean taken() {
        return missing == null;
    }

    /** Why no copy is held (see {@link #taken()}). */
    String whyNotTaken() {
        return missing;
    }

    /** Tells the files of the store that opening reached {@code step} (a crash test stops there). */
    void reached(OpenStep step) {
        try {
            files.reached(step);
        } catch (IOException e) {
            throw SegmentLog.io("cannot open the state file of " + directory + " at " + step, e);
        }
    }

    private void deleteCopy() {
        try {
            StoreRecovery.deleteTree(copy);
        } catch (IOException e) {
            throw SegmentLog.io("cannot delete " + copy, e);
        }
    }

    private static List<Path> stateFiles(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> p.getFileName().toString().startsWith(StateDb.FILE_NAME))
                    .filter(Files::isRegularFile).toList();
        }
    }

    private static void force(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Everything was checked: the copy is no longer needed. */
    void discard() {
        if (!active) {
            return;
        }
        active = false;
        try {
            Files.deleteIfExists(copy.resolve(COMPLETE)); // first: a half-deleted copy must never be put back
            DirectorySync.force(copy); // and for good, before recovery changes files the copy would not match
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + copy, e);
            return;
        }
        reached(OpenStep.BACKUP_DISCARDING);
        try {
            StoreRecovery.deleteTree(copy);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + copy, e);
        }
    }

    /**
     * The open failed: puts the state files back as they were (call after MapDB was closed). The copy stays
     * complete until every file is back, so a restore cut short is done again by the next open.
     */
    void restore() {
        if (!active) {
            return;
        }
        try {
            List<Path> saved;
            try (Stream<Path> list = Files.list(copy)) {
                saved = list.filter(p -> !p.getFileName().toString().equals(COMPLETE)).toList();
            }
            Set<String> names = new HashSet<>();
            saved.forEach(p -> names.add(p.getFileName().toString()));
            for (Path file : stateFiles(directory)) {
                if (!names.contains(file.getFileName().toString())) {
                    Files.delete(file); // made by the failed open (a new MapDB write-ahead file)
                }
            }
            for (Path file : saved) {
                Path target = directory.resolve(file.getFileName());
                files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                force(target);
                files.reached(OpenStep.RESTORE_FILE_COPIED);
            }
            DirectorySync.force(directory);
            Files.delete(copy.resolve(COMPLETE));
            DirectorySync.force(copy);
            StoreRecovery.deleteTree(copy);
            active = false;
        } catch (IOException e) {
            throw SegmentLog.io("cannot put the state file of " + directory + " back from " + copy, e);
        }
    }
}
