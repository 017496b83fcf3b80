package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** An exclusive lock on a data directory, held through a lock file for the life of the store. */
final class DirectoryLock implements AutoCloseable {

    static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails with {@code LOCKED} if another process (or store) holds it. */
    static DirectoryLock acquire(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw locked(directory, null);
            }
            return new DirectoryLock(channel, lock);
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            throw locked(directory, e);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException(StoreException.Reason.IO, "cannot lock data directory " + directory + ": " + e, e);
        } catch (StoreException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static StoreException locked(Path directory, Throwable cause) {
        return new StoreException(StoreException.Reason.LOCKED,
                "data directory " + directory + " is locked by another process", cause);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the open already failed; that failure is what the caller sees
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
