package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy of the state files taken before an open: put back whole even when putting it back was cut short. */
class StateBackupTest {

    @TempDir
    Path dir;

    /** Real files, except that the copy fails from its {@code n}-th file on (counted from 1). */
    private static StoreFiles copyFailingFrom(int n) {
        return new PassThroughFiles() {
            private int copies;

            @Override
            public void copy(Path from, Path to, CopyOption... options) throws IOException {
                if (++copies >= n) {
                    throw new IOException(FaultyFiles.ENOSPC);
                }
                super.copy(from, to, options);
            }
        };
    }

    private void write(String name, String content) throws IOException {
        Files.writeString(dir.resolve(name), content);
    }

    private Map<String, Long> listing() throws IOException {
        return LayoutOneFixture.listing(dir);
    }

    @Test
    void aRestoreCutShortIsDoneAgainByTheNextOpen() throws Exception {
        write("state.db", "before");
        write("state.db.wal.0", "wal before");
        write("journal.1.log", "not a state file");
        StateBackup backup = StateBackup.take(dir, StoreFiles.SYSTEM);
        Map<String, Long> before = listing();
        assertThat(backup.taken()).isTrue();
        // the failed open changed the state file, dropped one write-ahead file and made another
        write("state.db", "after the failed open");
        Files.delete(dir.resolve("state.db.wal.0"));
        write("state.db.wal.1", "new");

        assertThatThrownBy(() -> StateBackup.take(dir, copyFailingFrom(2)))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.IO))
                .hasMessageContaining(dir.resolve(StateBackup.DIRECTORY).toString());
        assertThat(dir.resolve(StateBackup.DIRECTORY).resolve(StateBackup.COMPLETE)).as("still to be put back")
                .exists();

        StateBackup next = StateBackup.take(dir, StoreFiles.SYSTEM);
        assertThat(Files.readString(dir.resolve("state.db"))).isEqualTo("before");
        assertThat(Files.readString(dir.resolve("state.db.wal.0"))).isEqualTo("wal before");
        assertThat(dir.resolve("state.db.wal.1")).doesNotExist();
        assertThat(Files.readString(dir.resolve("journal.1.log"))).isEqualTo("not a state file");
        assertThat(listing()).isEqualTo(before);
        next.discard();
        assertThat(dir.resolve(StateBackup.DIRECTORY)).doesNotExist();
    }

    @Test
    void aCopyThatCannotBeMadeIsNotKeptAndSaysWhy() throws Exception {
        write("state.db", "state");
        write("state.db.wal.0", "wal");

        StateBackup backup = StateBackup.take(dir, copyFailingFrom(2));

        assertThat(backup.taken()).isFalse();
        assertThat(backup.whyNotTaken()).contains(dir.resolve(StateBackup.DIRECTORY).toString())
                .contains(FaultyFiles.ENOSPC);
        assertThat(dir.resolve(StateBackup.DIRECTORY)).doesNotExist();
        backup.restore(); // nothing to put back: the state files stay
        assertThat(Files.readString(dir.resolve("state.db"))).isEqualTo("state");
    }

    @Test
    void aCopyLeftIncompleteIsDroppedAndTheStateFilesStay() throws Exception {
        write("state.db", "state");
        Path copy = Files.createDirectories(dir.resolve(StateBackup.DIRECTORY));
        Files.writeString(copy.resolve("state.db"), "half");

        StateBackup.take(dir, StoreFiles.SYSTEM).discard();

        assertThat(Files.readString(dir.resolve("state.db"))).isEqualTo("state");
        assertThat(copy).doesNotExist();
    }

    static StoreFiles copyFailing() {
        return copyFailingFrom(1);
    }
}
