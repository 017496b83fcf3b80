package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the in-memory state into MapDB and commits it there, so that recovery only replays what
 * came after; then switches to a new journal file and deletes what the checkpoint made obsolete
 * (old journals, segments whose messages were all dropped, files of deleted channels). Runs under
 * the store lock, right after a commit.
 *
 * <p>A checkpoint that fails (the next journal cannot be created, a sync fails, MapDB cannot
 * commit) loses nothing: no journal or segment is deleted; the store goes on writing to the new
 * journal if it could be created (the current one otherwise), so that whichever checkpoint MapDB
 * holds, the journals from the one it names on hold every later commit; what the checkpoint wrote to MapDB
 * stays uncommitted there (MapDB drops it in a crash; the next checkpoint writes every value again
 * and commits), the in-memory index tails and changed sets are kept, and the next attempt waits
 * one checkpoint interval. Nothing is deleted before MapDB committed. (MapDB's rollback is not
 * used: it would also undo the creation of maps that live channels hold.)
 */
final class Checkpointer {

    private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());

    private final StoreContext context;
    private final ServerRecords server;
    /** Deleted channels whose files and MapDB entries go at the next checkpoint; guarded by the store lock. */
    private final List<MapDbChannel> deleted = new ArrayList<>();
    /** Deleted channels whose files are gone: their entry in the state file's deleted set goes next time. */
    private final List<Long> purged = new ArrayList<>();
    private long lastRun = System.nanoTime();
    /** After a failed checkpoint, no new attempt before this time (nanoTime); 0 when none failed. */
    private long retryAfter;

    Checkpointer(StoreContext context, ServerRecords server) {
        this.context = context;
        this.server = server;
    }

    void channelDeleted(MapDbChannel channel) {
        deleted.add(channel);
    }

    /** The files of deleted channel {@code number} are gone (found so by recovery). */
    void channelPurged(long number) {
        purged.add(number);
    }

    boolean due(long maxBytes, long maxMillis) {
        long now = System.nanoTime();
        if (retryAfter != 0 && now - retryAfter < 0) {
            return false;
        }
        return context.wal().bytesSinceCheckpoint() >= maxBytes || now - lastRun >= maxMillis * 1_000_000L;
    }

    /**
     * Checkpoints {@code channels} (the live ones) and {@code nextChannel}.
     *
     * @throws io.natsjms.store.StoreException {@code IO} if it failed (nothing changed, see the class comment)
     */
    void run(Collection<MapDbChannel> channels, long nextChannel) {
        long started = System.nanoTime();
        WriteAheadLog wal = context.wal();
        StateDb state = context.state();
        Path directory = context.config().directory();
        Journal old = wal.journal();
        long nextJournal = old.number() + 1;
        Journal next = null;
        boolean done = false;
        try {
            wal.sync();
            next = Journal.open(directory, nextJournal, 0, context.files());
            for (MapDbChannel channel : channels) {
                channel.messages().checkpointIndex();
                state.channels.put(channel.number(), channel.meta().encode());
                channel.subscriptions().checkpoint();
                channel.segmentSizes().putAll(channel.messages().log().sealed());
            }
            for (long number : purged) {
                state.deletedChannels.remove(number);
            }
            for (MapDbChannel gone : deleted) {
                state.deletedChannels.put(gone.number(), gone.name());
                state.channels.remove(gone.number());
                gone.messages().clearIndex();
                gone.subscriptions().clearTable();
                gone.segmentSizes().clear();
            }
            server.checkpoint(state);
            context.aside().checkpoint(state);
            state.putLong(StateDb.NEXT_CHANNEL, nextChannel);
            state.putLong(StateDb.COMMIT, wal.commitNumber());
            state.putLong(StateDb.JOURNAL, nextJournal);
            stateCommit(false);
            state.commit();
            stateCommit(true);
            done = true;
        } catch (RuntimeException | InternalError e) {
            retryAfter = System.nanoTime() + context.config().checkpointIntervalMillis() * 1_000_000L;
            if (next != null) {
                // MapDB may or may not have committed (it can fail after writing): go on in the new
                // journal either way and keep the old one. If MapDB names the old journal, recovery
                // replays both; if it names the new one, the new one holds every later commit.
                wal.startJournal(next);
                old.close();
            }
            if (e instanceof StoreException known) {
                throw known;
            }
            // MapDB failed writing (its volume or write-ahead file could not grow, an mmap fault)
            throw new StoreException(StoreException.Reason.IO, "checkpoint into " + state.file() + " failed: " + e,
                    null, e);
        } finally {
            for (MapDbChannel channel : channels) {
                channel.messages().checkpointEnded(done);
                if (done) {
                    channel.subscriptions().checkpointDone();
                    channel.messages().log().sealed().clear();
                }
            }
        }
        retryAfter = 0;
        server.checkpointDone();
        context.aside().checkpointDone();
        wal.startJournal(next);
        old.close();
        deleteOldJournals(directory, nextJournal);
        for (MapDbChannel channel : channels) {
            try {
                long oldest = channel.messages().oldestLiveSegment();
                channel.messages().log().deleteBefore(oldest);
                channel.segmentSizes().removeBelow(oldest); // committed with the next checkpoint
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete old segments of channel \"" + channel.name()
                        + "\"", e);
            }
        }
        purged.clear();
        List<Long> removed = new ArrayList<>();
        for (MapDbChannel gone : deleted) {
            try {
                StoreRecovery.deleteTree(gone.messages().log().directory());
                removed.add(gone.number());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete the files of deleted channel \""
                        + gone.name() + "\"", e);
            }
        }
        if (!removed.isEmpty()) {
            // the state file forgets a deleted channel only once a power loss cannot bring its directory back
            try {
                context.files().forceDirectory(MapDbChannel.directory(directory, removed.get(0)).getParent());
                purged.addAll(removed);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot make the removal of deleted channels' files durable", e);
            }
        }
        deleted.clear();
        lastRun = System.nanoTime();
        LOG.log(System.Logger.Level.DEBUG, () -> "checkpoint " + wal.commitNumber() + " took "
                + (lastRun - started) / 1_000_000 + " ms");
    }

    private void stateCommit(boolean committed) {
        try {
            context.files().stateCommit(committed);
        } catch (IOException e) {
            throw SegmentLog.io("cannot commit " + context.state().file(), e);
        }
    }

    private static void deleteOldJournals(Path directory, long keep) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                long number = StoreRecovery.journalNumber(file);
                if (number >= 0 && number < keep) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete old journals in " + directory, e);
        }
    }
}
