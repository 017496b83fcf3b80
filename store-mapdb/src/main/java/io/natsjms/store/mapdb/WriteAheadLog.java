package io.natsjms.store.mapdb;

import io.natsjms.store.PendingCommit;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreTimings;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The write side of a commit: journal records and segment appends buffered since the last commit,
 * and the group commit that makes them durable together. Guarded by the store lock.
 *
 * <p>A commit writes a commit marker into every touched segment and hands the buffered message
 * records to the OS, writes one journal frame naming the segment end of every touched channel,
 * and (under {@code fsync=always}) forces before it returns. A <b>small commit</b> (at most
 * {@link #CARRY_PER_CHANNEL} bytes per channel, {@link #CARRY_PER_COMMIT} in all) puts the bytes
 * it wrote to each segment into the frame as well ({@link JournalRecord.SegmentData}) and forces
 * the journal only: one sync, however many channels it touched; those segment files are forced
 * in the background ({@link SegmentWriteBack}), when the log moves past them, and at the latest
 * at the next checkpoint ({@link #sync()}), before it lets go of the journal; recovery restores
 * from the frames whatever of those bytes a power loss took. A <b>large commit</b> forces its
 * segment files and the journal in parallel, its bytes written once; recovery rolls back a last
 * frame whose segment data is incomplete. Under {@code fsync=always} a segment file created by the
 * commit has its directory entry forced before the frame is written, so a frame naming a missing
 * segment file is damage, not a crash.
 *
 * <p><b>A failed commit changes nothing.</b> If any write or force fails, the journal is cut back
 * to its last committed frame, every touched channel drops the messages appended since the last
 * commit (in memory and on disk, no sequence used) and the commit number stays; the other records
 * (subscriptions, clients) stay pending for the next commit. If even that cut fails the store
 * refuses every further commit until it is reopened (recovery then sorts out the files).
 *
 * <p><b>A started commit</b> ({@link #start()}) is written the same way but forced later, by
 * whoever holds its {@link PendingCommit}, while appends for the next commit go on; the next
 * commit, a checkpoint and the close wait for that force first. It counts as done when written, so
 * a force that fails cannot be undone: the store then refuses every further commit until it is
 * reopened, and recovery keeps that commit only if all of it reached the disk.
 */
final class WriteAheadLog {

    private static final System.Logger LOG = System.getLogger(WriteAheadLog.class.getName());
    /**
     * The most bytes of one channel a commit carries in its frame instead of forcing the segment
     * file, and the most of all its channels together: a small commit (a synchronous publish, a
     * few hundred clients each sending now and then) then waits for one sync instead of one per
     * file, while a large one writes its bytes once and forces the segment as before.
     */
    static final long CARRY_PER_CHANNEL = 64 * 1024;
    static final long CARRY_PER_COMMIT = 512 * 1024;

    private final FsyncPolicy policy;
    /** {@link #CARRY_PER_CHANNEL} and {@link #CARRY_PER_COMMIT}, or what a test set. */
    private long carryPerChannel = CARRY_PER_CHANNEL;
    private long carryPerCommit = CARRY_PER_COMMIT;
    /** Forces the segment files written since the last checkpoint, many at once. */
    private final SegmentForcer forcer;
    /** Forces in the background what commits wrote without forcing (fsync=always only). */
    private final SegmentWriteBack writeBack;
    private Journal journal;
    private long commitNumber;
    /** Channels appended to since the last commit. */
    private final Set<CommitParticipant> touched = new LinkedHashSet<>();
    /** Channels written but not forced yet (forced by {@link #sync()}). */
    private final Set<CommitParticipant> unsynced = new LinkedHashSet<>();
    private long bytesSinceCheckpoint;
    /** Why the store cannot write any more (a failed write could not be undone, or a started commit could not be forced); null while it can. */
    private volatile StoreException broken;
    /** The commit {@link #start()} returned last; its force may still be running. */
    private volatile InFlight inFlight;
    /** Where commit and force durations go (the server's metrics). */
    private volatile StoreTimings timings = StoreTimings.NONE;

    WriteAheadLog(FsyncPolicy policy) {
        this.policy = policy;
        this.forcer = new SegmentForcer();
        this.writeBack = policy == FsyncPolicy.ALWAYS ? new SegmentWriteBack(forcer) : null;
    }

    /** Starts writing to {@code journal} (after recovery), the next commit being {@code commitNumber + 1}. */
    void attach(Journal journal, long commitNumber) {
        this.journal = journal;
        this.commitNumber = commitNumber;
    }

    void record(JournalRecord record) {
        journal.add(record);
    }

    /** Records a pending add or ack (see {@link Journal#pendingChange}); returns the batch it went to. */
    PendingChanges pendingChange(PendingChanges batch, long channel, long subId, boolean acked, long sequence) {
        return journal.pendingChange(batch, channel, subId, acked, sequence);
    }

    void appended(CommitParticipant channel, int bytes) {
        touched.add(channel);
        bytesSinceCheckpoint += bytes;
    }

    /** A deleted channel writes nothing more. */
    void forget(CommitParticipant channel) {
        touched.remove(channel);
        unsynced.remove(channel);
    }

    /** Changes how much a commit carries in its frame (tests: to take both paths with small segments). */
    void carryLimits(long perChannel, long perCommit) {
        this.carryPerChannel = perChannel;
        this.carryPerCommit = perCommit;
    }

    void reportTimings(StoreTimings timings) {
        this.timings = java.util.Objects.requireNonNull(timings, "timings");
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

    /** Fails with the reason the store stopped writing, if it did. */
    void ensureWritable() {
        if (broken != null) {
            throw new StoreException(StoreException.Reason.IO, "the store stopped writing after a write or force"
                    + " could not be undone (" + broken.getMessage() + "); reopen it (restart the server)",
                    broken.publicMessage(), broken);
        }
    }

    /** Commits what is buffered; returns whether there was anything. */
    boolean commit() {
        Written written = write();
        if (written == null) {
            return false;
        }
        if (policy == FsyncPolicy.ALWAYS) {
            try {
                forceAll(written.forced());
            } catch (StoreException e) {
                undo(e, written.channels(), written.journalEnd());
                throw e;
            }
        }
        finish(written);
        return true;
    }

    /**
     * Commits what is buffered, but leaves the forces to the returned {@link PendingCommit}, which
     * may run on another thread while appends go on (see {@link io.natsjms.store.Store#startCommit()}).
     * The commit counts as done at once (later appends belong to the next one); a force that then
     * fails cannot be undone, so the store stops writing until it is reopened, and recovery keeps the
     * commit only if all of it reached the disk.
     */
    PendingCommit start() {
        Written written = write();
        if (written == null) {
            return PendingCommit.DURABLE;
        }
        if (policy != FsyncPolicy.ALWAYS) {
            finish(written);
            return PendingCommit.DURABLE;
        }
        List<Forceable> segments = new ArrayList<>(written.forced().size());
        for (SegmentLog log : written.forced()) {
            segments.add(log.pendingForce());
        }
        Forceable journalForce = journal.pendingForce();
        finish(written);
        InFlight flight = new InFlight(segments, journalForce);
        inFlight = flight;
        return flight;
    }

    /** Waits until the commit {@link #start()} returned last has been forced (or failed to be). */
    void awaitForced() {
        InFlight flight = inFlight;
        if (flight != null) {
            flight.await();
        }
    }

    /**
     * A commit written by {@link #write()}: the frame's number, where the journal was before it, its
     * channels, and the segments it must force (those whose bytes the frame does not carry).
     */
    private record Written(long number, long journalEnd, List<CommitParticipant> channels, List<SegmentLog> forced,
                           long started) {
    }

    /**
     * Writes the buffered records and a frame naming every touched channel's end (to the OS, not
     * forced). A failure undoes the commit and is thrown. Returns {@code null} when there is nothing.
     */
    private Written write() {
        awaitForced();
        ensureWritable();
        if (touched.isEmpty() && !journal.hasRecords()) {
            return null;
        }
        long started = System.nanoTime();
        long next = commitNumber + 1;
        long journalEnd = journal.size();
        List<CommitParticipant> channels = List.copyOf(touched);
        List<SegmentLog> forced = new ArrayList<>();
        try {
            List<JournalRecord> extra = new ArrayList<>(2 * channels.size());
            long carried = 0;
            for (CommitParticipant channel : channels) {
                SegmentLog log = channel.log();
                log.mark(next);
                log.writeOut();
                if (policy != FsyncPolicy.ALWAYS) {
                    continue;
                }
                log.forceNewFiles(); // a frame never names a file a power loss could lose
                long bytes = log.uncommittedBytes();
                if (bytes > carryPerChannel || carried + bytes > carryPerCommit) {
                    forced.add(log);
                    continue;
                }
                JournalRecord.SegmentData data = log.uncommittedData(channel.channelNumber());
                if (data != null) {
                    extra.add(data);
                    carried += data.length();
                    writeBack.written(log, data.length());
                    bytesSinceCheckpoint -= data.length(); // counted in the journal's size
                }
            }
            for (CommitParticipant channel : channels) {
                LogPosition end = channel.log().end();
                extra.add(new JournalRecord.SegmentEnd(channel.channelNumber(), end.segment(), end.offset()));
            }
            journal.writeFrame(next, extra);
        } catch (StoreException e) {
            undo(e, channels, journalEnd);
            throw e;
        }
        return new Written(next, journalEnd, channels, forced, started);
    }

    /** The commit {@code written} is done: its channels' appends are committed. */
    private void finish(Written written) {
        commitNumber = written.number();
        journal.committed();
        for (CommitParticipant channel : written.channels()) {
            channel.committedNow();
        }
        unsynced.addAll(written.channels());
        touched.clear();
        timings.record(StoreTimings.Kind.COMMIT, System.nanoTime() - written.started());
    }

    /**
     * The forces of a commit {@link #start()} wrote, run by whoever calls {@link #force()}: the
     * segments it must force on the {@link SegmentForcer}'s threads and the journal on the calling
     * thread, at the same time, as {@link #forceAll} does.
     */
    private final class InFlight implements PendingCommit {

        private final List<Forceable> segments;
        private final Forceable journalForce;
        private final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);

        private InFlight(List<Forceable> segments, Forceable journalForce) {
            this.segments = segments;
            this.journalForce = journalForce;
        }

        @Override
        public void force() {
            long started = System.nanoTime();
            try {
                forceTogether(segments, journalForce);
                timings.record(StoreTimings.Kind.FSYNC, System.nanoTime() - started);
            } catch (StoreException e) {
                failedForce(e);
                throw e;
            } catch (RuntimeException | Error e) {
                StoreException failed = new StoreException(StoreException.Reason.IO, "cannot force commit "
                        + commitNumber + ": " + e, e);
                failedForce(failed);
                throw e;
            } finally {
                done.countDown();
            }
        }

        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the force goes on regardless; wait for its end
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A force of a started commit failed: nothing written after it may count as durable any more. */
    private void failedForce(StoreException e) {
        LOG.log(System.Logger.Level.ERROR, "a commit was written but could not be forced to disk; the store stops"
                + " writing until it is reopened: " + e.getMessage(), e);
        broken = e;
    }

    /** Undoes a failed commit (see the class comment). */
    private void undo(StoreException failure, List<CommitParticipant> channels, long journalEnd) {
        LOG.log(System.Logger.Level.ERROR, "commit " + (commitNumber + 1) + " failed, undoing it: "
                + failure.getMessage());
        try {
            journal.rollback(journalEnd);
            Set<Long> numbers = new java.util.HashSet<>();
            for (CommitParticipant channel : channels) {
                channel.rollback();
                numbers.add(channel.channelNumber());
            }
            journal.forget(r -> r instanceof JournalRecord.Trimmed t && numbers.contains(t.channel()));
            touched.clear();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            broken = failure;
            LOG.log(System.Logger.Level.ERROR, "cannot undo the failed commit; the store stops writing until it"
                    + " is reopened", e);
        }
    }

    /**
     * Forces {@code segments} (on the {@link SegmentForcer}'s threads, together) and the journal (on
     * this thread) at the same time. The journal frame may reach the disk before the segment data
     * does; that can only happen to the last frame (the next commit starts after all forces
     * returned), and recovery rolls back a last frame whose message records are incomplete.
     */
    private void forceAll(List<SegmentLog> segments) {
        long started = System.nanoTime();
        forceTogether(segments, journal::force);
        timings.record(StoreTimings.Kind.FSYNC, System.nanoTime() - started);
    }

    /** Forces {@code segments} on the forcer's threads and {@code journalForce} on this one; throws the first failure. */
    private void forceTogether(List<? extends Forceable> segments, Forceable journalForce) {
        if (segments.isEmpty()) {
            journalForce.force();
            return;
        }
        SegmentForcer.Running running = forcer.start(segments);
        RuntimeException journalFailure = null;
        try {
            journalForce.force();
        } catch (RuntimeException e) {
            journalFailure = e;
        }
        try {
            running.await();
        } catch (StoreException e) {
            if (journalFailure == null) {
                throw e;
            }
            journalFailure.addSuppressed(e);
        }
        if (journalFailure != null) {
            throw journalFailure;
        }
    }

    void close() {
        if (writeBack != null) {
            writeBack.close();
        }
        forcer.close();
    }

    /**
     * Forces what earlier commits wrote: the segments first (on the {@link SegmentForcer}'s threads
     * and this one, together), then the journal. A checkpoint calls it before it lets go of the
     * journal that holds the segments' unforced bytes.
     */
    void sync() {
        ensureWritable();
        long started = System.nanoTime();
        List<SegmentLog> logs = new ArrayList<>(unsynced.size());
        for (CommitParticipant channel : unsynced) {
            if (!channel.log().closed()) {
                logs.add(channel.log());
            }
        }
        forcer.start(logs).await();
        unsynced.clear();
        journal.force();
        timings.record(StoreTimings.Kind.FSYNC, System.nanoTime() - started);
    }

    /** Switches to a new journal file after a checkpoint; the caller closes the old one. */
    void startJournal(Journal next) {
        journal = next;
        bytesSinceCheckpoint = 0;
    }
}
