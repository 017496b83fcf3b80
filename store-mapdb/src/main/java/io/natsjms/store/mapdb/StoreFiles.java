package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/**
 * How the store opens the files it writes (segments and journals), copies the state file before opening it and
 * makes directory changes durable. The store always uses {@link #SYSTEM}; the fault-injection tests pass one whose
 * channels fail at chosen writes, syncs and truncations, so that every failure point can be exercised, and the
 * crash tests one that halts the process at a chosen {@link OpenStep}.
 */
interface StoreFiles {

    /** The real file system. */
    StoreFiles SYSTEM = new StoreFiles() {
        @Override
        public FileChannel open(Path file, OpenOption... options) throws IOException {
            return FileChannel.open(file, options);
        }

        @Override
        public void forceDirectory(Path directory) throws IOException {
            DirectorySync.force(directory);
        }
    };

    FileChannel open(Path file, OpenOption... options) throws IOException;

    void forceDirectory(Path directory) throws IOException;

    /**
     * Called just before ({@code committed} false) and just after (true) a checkpoint's MapDB
     * commit, whose own file writes this interface does not see: a test fails here to act out
     * MapDB failing before or after its commit reached the disk.
     */
    default void stateCommit(boolean committed) throws IOException {
    }

    /**
     * Copies {@code from} to {@code to} (the copy of the state files taken before an open, and its way back); a test
     * fails it to act out a full disk.
     */
    default void copy(Path from, Path to, CopyOption... options) throws IOException {
        Files.copy(from, to, options);
    }

    /** Called when opening the state file has reached {@code step}: a crash test halts the process here. */
    default void reached(OpenStep step) throws IOException {
    }
}
