package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the in-memory state into MapDB and commits it there, so that recovery only replays what
 * came after; then starts a new journal file and deletes what the checkpoint made obsolete (old
 * journals, segments whose messages were all dropped, files of deleted channels). Runs under the
 * store lock, right after a commit.
 */
final class Checkpointer {

    private static final System.Logger LOG = System.getLogger(Checkpointer.class.getName());

    private final Path directory;
    private final StateDb state;
    private final WriteAheadLog wal;
    /** Deleted channels whose files and MapDB entries go at the next checkpoint; guarded by the store lock. */
    private final List<MapDbChannel> deleted = new ArrayList<>();
    private long lastRun = System.nanoTime();

    Checkpointer(Path directory, StateDb state, WriteAheadLog wal) {
        this.directory = directory;
        this.state = state;
        this.wal = wal;
    }

    void channelDeleted(MapDbChannel channel) {
        deleted.add(channel);
    }

    boolean due(long maxBytes, long maxMillis) {
        return wal.bytesSinceCheckpoint() >= maxBytes || System.nanoTime() - lastRun >= maxMillis * 1_000_000L;
    }

    /** Checkpoints {@code channels} (the live ones) and {@code nextChannel}. */
    void run(Collection<MapDbChannel> channels, long nextChannel) {
        long started = System.nanoTime();
        for (MapDbChannel channel : channels) {
            channel.messages().checkpointIndex();
            state.channels.put(channel.number(), channel.meta().encode());
            channel.subscriptions().checkpoint();
        }
        for (MapDbChannel gone : deleted) {
            state.channels.remove(gone.number());
            gone.messages().clearIndex();
            gone.subscriptions().clearTable();
        }
        Journal old = wal.journal();
        long nextJournal = old.number() + 1;
        state.putLong(StateDb.NEXT_CHANNEL, nextChannel);
        state.putLong(StateDb.COMMIT, wal.commitNumber());
        state.putLong(StateDb.JOURNAL, nextJournal);
        wal.startJournal(Journal.open(directory, nextJournal, 0));
        state.commit();
        old.close();
        deleteOldJournals(nextJournal);
        for (MapDbChannel channel : channels) {
            channel.messages().log().deleteBefore(channel.messages().oldestLiveSegment());
        }
        for (MapDbChannel gone : deleted) {
            try {
                Recovery.deleteTree(gone.messages().log().directory());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot delete the files of deleted channel \""
                        + gone.name() + "\"", e);
            }
        }
        deleted.clear();
        lastRun = System.nanoTime();
        LOG.log(System.Logger.Level.DEBUG, () -> "checkpoint " + wal.commitNumber() + " took "
                + (lastRun - started) / 1_000_000 + " ms");
    }

    private void deleteOldJournals(long keep) {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("journal.") && name.endsWith(".log")
                        && !name.equals(Journal.file(directory, keep).getFileName().toString())) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete old journals in " + directory, e);
        }
    }
}
