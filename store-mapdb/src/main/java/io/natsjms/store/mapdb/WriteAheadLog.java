package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The write side of a commit: journal records and segment appends buffered since the last commit,
 * and the group commit that makes them durable together. Guarded by the store lock.
 *
 * <p>A commit hands the buffered message records to the OS, writes one journal frame naming the
 * segment end of every touched channel, and (under {@code fsync=always}) forces the segments and the
 * journal before it returns. Recovery rolls back a last frame whose segment data is incomplete.
 */
final class WriteAheadLog {

    private final FsyncPolicy policy;
    /** Forces segment files while the committing thread forces the journal. */
    private final ExecutorService forcer;
    private Journal journal;
    private long commitNumber;
    /** Channels appended to since the last commit. */
    private final Set<MapDbMessageStore> touched = new LinkedHashSet<>();
    /** Channels written but not forced yet (interval and never policies). */
    private final Set<MapDbMessageStore> unsynced = new LinkedHashSet<>();
    private long bytesSinceCheckpoint;

    WriteAheadLog(FsyncPolicy policy) {
        this.policy = policy;
        this.forcer = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "natsjms-mapdb-force");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts writing to {@code journal} (after recovery), the next commit being {@code commitNumber + 1}. */
    void attach(Journal journal, long commitNumber) {
        this.journal = journal;
        this.commitNumber = commitNumber;
    }

    void record(JournalRecord record) {
        JournalRecord.write(journal.records(), record);
    }

    void appended(MapDbMessageStore channel, int bytes) {
        touched.add(channel);
        bytesSinceCheckpoint += bytes;
    }

    /** A deleted channel writes nothing more. */
    void forget(MapDbMessageStore channel) {
        touched.remove(channel);
        unsynced.remove(channel);
    }

    long commitNumber() {
        return commitNumber;
    }

    Journal journal() {
        return journal;
    }

    long bytesSinceCheckpoint() {
        return bytesSinceCheckpoint + journal.size();
    }

    /** Commits what is buffered; returns whether there was anything. */
    boolean commit() {
        if (touched.isEmpty() && !journal.hasRecords()) {
            return false;
        }
        for (MapDbMessageStore channel : touched) {
            channel.log().writeOut();
            LogPosition end = channel.log().end();
            record(new JournalRecord.SegmentEnd(channel.channelNumber(), end.segment(), end.offset()));
        }
        journal.writeFrame(++commitNumber);
        if (policy == FsyncPolicy.ALWAYS) {
            forceAll(List.copyOf(touched));
        } else {
            unsynced.addAll(touched);
        }
        touched.clear();
        return true;
    }

    /**
     * Forces the touched segments (on the helper thread) and the journal (on this one) at the same
     * time. The journal frame may reach the disk before the segment data does; that can only happen
     * to the last frame (the next commit starts after both forces returned), and recovery rolls back
     * a last frame whose message records are incomplete.
     */
    private void forceAll(List<MapDbMessageStore> channels) {
        Future<?> segments = channels.isEmpty() ? null : forcer.submit(() -> {
            for (MapDbMessageStore channel : channels) {
                channel.log().force();
            }
        });
        journal.force();
        if (segments != null) {
            try {
                segments.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException(StoreException.Reason.IO, "interrupted while forcing segment files", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof StoreException failure) {
                    throw failure;
                }
                throw new StoreException(StoreException.Reason.IO, "cannot force segment files: " + e.getCause(),
                        e.getCause());
            }
        }
    }

    void close() {
        forcer.shutdownNow();
    }

    /** Forces what earlier commits wrote: segments first, then the journal. */
    void sync() {
        for (MapDbMessageStore channel : unsynced) {
            if (channel.log().closed()) {
                continue;
            }
            channel.log().force();
        }
        unsynced.clear();
        journal.force();
    }

    /** Switches to a new journal file after a checkpoint; the caller closes the old one. */
    void startJournal(Journal next) {
        sync();
        journal = next;
        bytesSinceCheckpoint = 0;
    }
}
