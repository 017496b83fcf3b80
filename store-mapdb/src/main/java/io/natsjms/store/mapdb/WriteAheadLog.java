package io.natsjms.store.mapdb;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The write side of a commit: journal records and segment appends buffered since the last commit,
 * and the group commit that makes them durable together. Guarded by the store lock.
 *
 * <p>Order of a commit under {@code fsync=always}: force every touched segment file, then write the
 * journal frame (which names the segment ends it covers) and force the journal. A frame on disk
 * therefore always refers to message records that are on disk; recovery rolls back a last frame
 * whose segment data is incomplete.
 */
final class WriteAheadLog {

    private final FsyncPolicy policy;
    private Journal journal;
    private long commitNumber;
    /** Channels appended to since the last commit. */
    private final Set<MapDbMessageStore> touched = new LinkedHashSet<>();
    /** Channels written but not forced yet (interval and never policies). */
    private final Set<MapDbMessageStore> unsynced = new LinkedHashSet<>();
    private long bytesSinceCheckpoint;

    WriteAheadLog(FsyncPolicy policy) {
        this.policy = policy;
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
        if (policy == FsyncPolicy.ALWAYS) {
            for (MapDbMessageStore channel : touched) {
                channel.log().force();
            }
        }
        for (MapDbMessageStore channel : touched) {
            LogPosition end = channel.log().end();
            record(new JournalRecord.SegmentEnd(channel.channelNumber(), end.segment(), end.offset()));
        }
        journal.writeFrame(++commitNumber);
        if (policy == FsyncPolicy.ALWAYS) {
            journal.force();
        } else {
            unsynced.addAll(touched);
        }
        touched.clear();
        return true;
    }

    /** Forces what earlier commits wrote: segments first, then the journal. */
    void sync() {
        for (MapDbMessageStore channel : unsynced) {
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
