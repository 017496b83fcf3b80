package io.natsjms.server.cli;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The file {@code -P/--pid} names: it holds the process ID while the server runs. */
final class PidFile {

    private static final System.Logger LOG = System.getLogger(PidFile.class.getName());

    private final Path path;

    private PidFile(Path path) {
        this.path = path;
    }

    /**
     * Writes this process's ID to {@code path}, replacing what was there.
     *
     * @throws IOException naming the file if it can't be written
     */
    static PidFile write(Path path) throws IOException {
        try {
            Files.writeString(path, Long.toString(ProcessHandle.current().pid()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IOException("can't write the PID file " + path + ": " + e.getMessage(), e);
        }
        return new PidFile(path);
    }

    /** Removes the file; a failure is logged. */
    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "can't remove the PID file " + path + ": " + e.getMessage());
        }
    }
}
