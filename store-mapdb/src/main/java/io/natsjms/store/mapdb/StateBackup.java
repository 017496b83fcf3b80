package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A copy of the state file (and MapDB's own write-ahead files) taken before MapDB opens it: MapDB
 * may rewrite parts of a damaged file while opening it, and a refused open must leave the data
 * directory as it was. The copy lives in {@code <dir>/.state-before-open} until recovery has
 * checked everything ({@link #discard()}) or the open failed ({@link #restore()}). A copy left by
 * an open that was interrupted before that point is put back first: it is the state from before.
 * If the copy cannot be made (a full disk), the store opens without it.
 */
final class StateBackup {

    static final String DIRECTORY = ".state-before-open";

    private static final System.Logger LOG = System.getLogger(StateBackup.class.getName());

    /** Written once the copy is complete. */
    private static final String COMPLETE = "complete";

    private final Path directory;
    private final Path copy;
    private boolean active = true;

    private StateBackup(Path directory) {
        this.directory = directory;
        this.copy = directory.resolve(DIRECTORY);
    }

    static StateBackup take(Path directory) {
        StateBackup backup = new StateBackup(directory);
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
                Files.copy(file, backup.copy.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
            Files.createFile(backup.copy.resolve(COMPLETE));
        } catch (IOException e) {
            // a full disk must not stop a restart: open without the copy
            LOG.log(System.Logger.Level.WARNING, "cannot copy the state file of " + directory + " before opening it ("
                    + e + "); opening without a copy (if the open is refused, MapDB may have rewritten parts of it)");
            backup.deleteCopy();
            backup.active = false;
        }
        return backup;
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

    /** Everything was checked: the copy is no longer needed. */
    void discard() {
        if (!active) {
            return;
        }
        active = false;
        try {
            Files.deleteIfExists(copy.resolve(COMPLETE)); // first: a half-deleted copy must never be put back
            StoreRecovery.deleteTree(copy);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + copy, e);
        }
    }

    /** The open failed: puts the state files back as they were (call after MapDB was closed). */
    void restore() {
        if (!active) {
            return;
        }
        try {
            for (Path file : stateFiles(directory)) {
                Files.delete(file);
            }
            Files.delete(copy.resolve(COMPLETE));
            try (Stream<Path> saved = Files.list(copy)) {
                for (Path file : saved.toList()) {
                    Files.move(file, directory.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.delete(copy);
            active = false;
        } catch (IOException e) {
            throw SegmentLog.io("cannot put the state file of " + directory + " back from " + copy, e);
        }
    }
}
