package io.natsjms.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What the real-disk-full tests share: running mount commands and filling a small file system. */
public final class FullDisk {

    private FullDisk() {
    }

    /** Writes a file into {@code mnt} until the file system is full. */
    public static void fill(Path mnt) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(mnt.resolve("filler"))) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // the file system is full now
        }
    }

    /** Runs {@code command}; its exit status, or -1 when it cannot be run or takes over 30 s. */
    public static int run(String... command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException notAvailable) {
            return -1;
        }
        process.getInputStream().readAllBytes();
        return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }
}
