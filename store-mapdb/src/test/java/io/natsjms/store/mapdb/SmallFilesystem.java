package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real, small file system for the disk-full tests: a tmpfs of a few MB mounted on a directory
 * (needs root on Linux; {@link #mount} returns null where that is not possible, and the test is
 * skipped). {@link #fill} takes the free space, {@link #free} gives it back.
 */
final class SmallFilesystem implements AutoCloseable {

    private final Path mountPoint;

    private SmallFilesystem(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code megabytes} on {@code mountPoint}; null if this machine does not allow it. */
    static SmallFilesystem mount(Path mountPoint, int megabytes) throws IOException, InterruptedException {
        if (!System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
            return null;
        }
        Files.createDirectories(mountPoint);
        Process mount;
        try {
            mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs",
                    mountPoint.toString()).redirectErrorStream(true).start();
        } catch (IOException notAvailable) {
            return null;
        }
        mount.getInputStream().readAllBytes();
        return mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0 ? new SmallFilesystem(mountPoint) : null;
    }

    Path root() {
        return mountPoint;
    }

    /** Writes a filler file until the file system is full, leaving about {@code leaveBytes}. */
    void fill(long leaveBytes) throws IOException {
        Path filler = mountPoint.resolve("filler");
        long free = Files.getFileStore(mountPoint).getUsableSpace();
        long size = Math.max(0, free - leaveBytes);
        try (var out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND)) {
            byte[] block = new byte[4096];
            for (long written = 0; written < size; written += block.length) {
                out.write(block);
            }
        } catch (IOException full) {
            // a full file system is what we wanted
        }
    }

    void free() throws IOException {
        Files.deleteIfExists(mountPoint.resolve("filler"));
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (run("umount", mountPoint.toString()) != 0) {
            run("umount", "-l", mountPoint.toString()); // something still holds a file: detach it anyway
        }
    }
}
