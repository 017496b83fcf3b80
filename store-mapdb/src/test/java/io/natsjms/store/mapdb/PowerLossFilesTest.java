package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.mapdb.TrackedFile.Fate;
import io.natsjms.store.mapdb.TrackedFile.TornTail;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulation of {@link MapDbPowerLossModelTest}: what survives a power cut of {@link PowerLossFiles}. */
class PowerLossFilesTest {

    @TempDir
    Path dir;

    private static final TrackedFile.WriteBack DROP_ALL = (file, ops) -> Collections.nCopies(ops.size(), Fate.DROPPED);

    private static byte[] bytes(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    private static FileChannel create(PowerLossFiles files, Path file) throws IOException {
        return files.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @Test
    void onlyWhatWasForcedSurvivesAndNothingWorksAfterTheCut() throws Exception {
        PowerLossFiles files = new PowerLossFiles(dir, Set.of());
        Path file = dir.resolve("a.log");
        FileChannel channel = create(files, file);
        files.forceDirectory(dir);
        channel.write(ByteBuffer.wrap(bytes(100, 1)), 0);
        channel.force(false);
        channel.write(ByteBuffer.wrap(bytes(50, 2)), 100);
        channel.truncate(10);

        files.cutPower(DROP_ALL, path -> true, path -> false, "all dropped");

        assertThatThrownBy(() -> channel.write(ByteBuffer.wrap(bytes(1, 3)), 0)).hasMessage("power lost");
        assertThatThrownBy(() -> channel.force(false)).hasMessage("power lost");
        assertThatThrownBy(() -> channel.read(ByteBuffer.allocate(1), 0)).hasMessage("power lost");
        assertThatThrownBy(() -> create(files, dir.resolve("b.log"))).hasMessage("power lost");
        channel.close();
        Files.delete(file); // what the store does after the cut is undone
        files.writeDisk();
        assertThat(Files.readAllBytes(file)).isEqualTo(bytes(100, 1));
    }

    @Test
    void aCreatedFileIsLostUntilItsDirectoryWasForced() throws Exception {
        PowerLossFiles files = new PowerLossFiles(dir, Set.of());
        Files.createDirectories(dir.resolve("sub"));
        try (FileChannel kept = create(files, dir.resolve("sub/kept.log"))) {
            kept.force(true);
            files.forceDirectory(dir.resolve("sub"));
            files.forceDirectory(dir);
            FileChannel lost = create(files, dir.resolve("sub/lost.log")); // after the sync
            Files.createDirectories(dir.resolve("new"));
            try (FileChannel inNewDirectory = create(files, dir.resolve("new/x.log"))) {
                files.forceDirectory(dir.resolve("new")); // its directory's own entry was never forced
            }
            lost.force(true);
            lost.close();
            Files.writeString(dir.resolve("state.db"), "as it is");
            files.cutPower(DROP_ALL, path -> true, path -> false, "all dropped");
        }
        Files.writeString(dir.resolve("state.db"), "changed after the cut");
        files.writeDisk();
        assertThat(dir.resolve("sub/kept.log")).exists();
        assertThat(dir.resolve("sub/lost.log")).doesNotExist();
        assertThat(dir.resolve("new")).doesNotExist();
        assertThat(dir.resolve("state.db")).hasContent("as it is");
        assertThat(files.report()).anySatisfy(line -> assertThat(line).contains("lost.log").contains("lost"));
    }

    @Test
    void aTornWriteKeepsItsPrefixUpToASectorBoundaryThenNothingOrZeros() throws Exception {
        for (TornTail tail : List.of(TornTail.ABSENT, TornTail.ZEROS)) {
            Path file = dir.resolve(tail + ".log");
            Files.write(file, bytes(100, 1)); // there before: durable as it is
            PowerLossFiles files = new PowerLossFiles(dir, Set.of());
            try (FileChannel channel = files.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes(1000, 2)), 100);
                files.cutPower((f, ops) -> f.equals(file) ? List.of(Fate.torn(ops.get(0).boundary(0), tail))
                        : Collections.nCopies(ops.size(), Fate.DROPPED), path -> false, path -> false, "torn");
            }
            files.writeDisk();
            byte[] expected = new byte[tail == TornTail.ABSENT ? 512 : 1100];
            System.arraycopy(bytes(100, 1), 0, expected, 0, 100);
            System.arraycopy(bytes(412, 2), 0, expected, 100, 412);
            assertThat(Files.readAllBytes(file)).as("%s", tail).isEqualTo(expected);
        }
    }

    @Test
    void aDeletedFileMayComeBackUntilItsDirectoryWasForced() throws Exception {
        PowerLossFiles files = new PowerLossFiles(dir, Set.of(PowerLossFiles.Disorder.UNDELETE));
        Files.createDirectories(dir.resolve("gone"));
        for (String name : List.of("back.log", "stays.log", "gone/back.log")) {
            try (FileChannel channel = create(files, dir.resolve(name))) {
                channel.write(ByteBuffer.wrap(bytes(10, 1)), 0);
                channel.force(true);
            }
        }
        files.forceDirectory(dir.resolve("gone"));
        files.forceDirectory(dir);
        Files.delete(dir.resolve("stays.log"));
        files.forceDirectory(dir); // its deletion is durable
        Files.delete(dir.resolve("back.log"));
        Files.delete(dir.resolve("gone/back.log"));
        Files.delete(dir.resolve("gone"));
        files.cutPower(DROP_ALL, path -> true, path -> true, "all dropped, deletions undone");
        files.writeDisk();
        assertThat(Files.readAllBytes(dir.resolve("back.log"))).isEqualTo(bytes(10, 1));
        assertThat(Files.readAllBytes(dir.resolve("gone/back.log"))).isEqualTo(bytes(10, 1));
        assertThat(dir.resolve("stays.log")).doesNotExist();
    }

    @Test
    void aWriteWithinOneSectorCannotBeTorn() {
        TrackedFile.Pending small = new TrackedFile.Pending(true, 10, 500);
        TrackedFile.Pending across = new TrackedFile.Pending(true, 10, 1100);
        assertThat(small.boundaries()).isZero();
        assertThat(across.boundaries()).isEqualTo(2);
        assertThat(across.boundary(0)).isEqualTo(512);
        assertThat(across.boundary(1)).isEqualTo(1024);
    }
}
