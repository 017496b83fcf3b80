package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import io.natsjms.store.spb.SubState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Brings a store back after a restart: the checkpointed state from MapDB, then every committed
 * journal frame after it, with the message records each frame covers. A torn last frame (the commit
 * in progress when the process died) is cut off and logged; damage before it is {@code CORRUPT}.
 */
final class Recovery {

    private static final System.Logger LOG = System.getLogger(Recovery.class.getName());

    private final MapDbStoreConfig config;
    private final StateDb state;
    private final StoreGuard lock;
    /** Live channels by number; the result. */
    final Map<Long, MapDbChannel> channels = new LinkedHashMap<>();
    /** Where each channel's committed messages end. */
    private final Map<Long, LogPosition> cursors = new HashMap<>();
    long nextChannel;
    long commitNumber;
    WriteAheadLog wal;
    /** Whether anything was found on disk. */
    boolean found;

    Recovery(MapDbStoreConfig config, StateDb state, StoreGuard lock) {
        this.config = config;
        this.state = state;
        this.lock = lock;
    }

    void run() {
        nextChannel = state.getLong(StateDb.NEXT_CHANNEL, 1);
        commitNumber = state.getLong(StateDb.COMMIT, 0);
        long journalNumber = state.getLong(StateDb.JOURNAL, 1);
        found = !state.meta.isEmpty();
        wal = new WriteAheadLog(config.fsync());
        loadCheckpoint();
        TreeMap<Long, Path> journals = journalFiles(journalNumber);
        long lastJournal = journalNumber;
        long journalEnd = 0;
        boolean stopped = false;
        for (Map.Entry<Long, Path> e : journals.entrySet()) {
            if (stopped) {
                LOG.log(System.Logger.Level.WARNING, "removing journal {0}: it follows a lost commit", e.getValue());
                deleteFile(e.getValue());
                continue;
            }
            boolean lastFile = e.getKey().equals(journals.lastKey());
            JournalReader.Contents contents = JournalReader.read(e.getValue());
            long end = replay(e.getValue(), contents, lastFile);
            lastJournal = e.getKey();
            journalEnd = end;
            if (end < contents.size()) {
                cut(e.getValue(), contents.size(), end);
                stopped = end < contents.end();
            }
        }
        wal.attach(Journal.open(config.directory(), lastJournal, journalEnd), commitNumber);
        finishChannels();
    }

    private static void deleteFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw SegmentLog.io("cannot delete " + file, e);
        }
    }

    private void loadCheckpoint() {
        for (Map.Entry<Long, byte[]> e : state.channels.entrySet()) {
            ChannelMeta meta = ChannelMeta.decode(e.getValue());
            checkSegments(e.getKey(), meta);
            channels.put(e.getKey(), MapDbChannel.open(lock, config, state, wal, e.getKey(), meta));
            cursors.put(e.getKey(), meta.end());
        }
    }

    /** The checkpointed messages must still be there: every live segment, at its checkpointed size. */
    private void checkSegments(long number, ChannelMeta meta) {
        Path dir = MapDbChannel.directory(config.directory(), number);
        LogPosition end = meta.end();
        try {
            if (end.offset() > 0) {
                Path file = dir.resolve("msgs." + end.segment() + ".log");
                long size = Files.exists(file) ? Files.size(file) : -1;
                if (size < end.offset()) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "segment file " + file
                            + (size < 0 ? " is missing" : " is truncated to " + size + " bytes")
                            + " but " + end.offset() + " bytes were checkpointed (channel \"" + meta.name()
                            + "\", messages " + meta.firstSequence() + ".." + meta.lastSequence()
                            + "); the messages in the other segments of " + dir + " are recoverable");
                }
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot check " + dir, e);
        }
    }

    /** Applies the frames of one journal file; returns where the applied frames end. */
    private long replay(Path file, JournalReader.Contents contents, boolean lastFile) {
        List<JournalReader.Frame> frames = contents.frames();
        for (int i = 0; i < frames.size(); i++) {
            JournalReader.Frame frame = frames.get(i);
            if (frame.commitNumber() != commitNumber + 1) {
                throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + file + " holds commit "
                        + frame.commitNumber() + " at offset " + frame.position() + " where commit "
                        + (commitNumber + 1) + " was expected; commits up to " + commitNumber + " are recoverable");
            }
            Map<Long, List<SegmentRecord>> messages = scanMessages(frame);
            if (messages == null) {
                boolean lastFrame = lastFile && i == frames.size() - 1;
                if (!lastFrame && config.fsync() == FsyncPolicy.ALWAYS) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + file
                            + " commit " + frame.commitNumber() + " refers to message records that are missing or"
                            + " damaged in the segment files; commits up to " + commitNumber + " are recoverable");
                }
                LOG.log(System.Logger.Level.WARNING, "commit {0} in {1} was not completely written (crash during"
                        + " commit); rolled back to commit {2}", frame.commitNumber(), file, commitNumber);
                return frame.position();
            }
            for (JournalRecord record : frame.records()) {
                apply(record, messages);
            }
            commitNumber = frame.commitNumber();
        }
        return contents.end();
    }

    /** Reads and verifies the message records a frame commits; null if any is missing or damaged. */
    private Map<Long, List<SegmentRecord>> scanMessages(JournalReader.Frame frame) {
        Map<Long, List<SegmentRecord>> result = new HashMap<>();
        Map<Long, LogPosition> from = new HashMap<>(cursors);
        for (JournalRecord record : frame.records()) {
            if (record instanceof JournalRecord.SegmentEnd end) {
                LogPosition start = from.getOrDefault(end.channel(), LogPosition.START);
                LogPosition to = new LogPosition(end.segment(), end.offset());
                List<SegmentRecord> records = SegmentLog.scan(
                        MapDbChannel.directory(config.directory(), end.channel()), start, to);
                if (records == null) {
                    return null;
                }
                result.put(end.channel(), records);
                from.put(end.channel(), to);
            }
        }
        return result;
    }

    private void apply(JournalRecord record, Map<Long, List<SegmentRecord>> messages) {
        found = true;
        if (record instanceof JournalRecord.ServerInfoSet r) {
            state.meta.put(StateDb.SERVER_INFO, r.info());
        } else if (record instanceof JournalRecord.ClientAdded r) {
            state.clients.put(r.id(), r.info());
        } else if (record instanceof JournalRecord.ClientDeleted r) {
            state.clients.remove(r.id());
        } else if (record instanceof JournalRecord.ChannelCreated r) {
            channels.put(r.channel(), MapDbChannel.open(lock, config, state, wal, r.channel(),
                    ChannelMeta.empty(r.name())));
            cursors.put(r.channel(), LogPosition.START);
            nextChannel = Math.max(nextChannel, r.channel() + 1);
        } else if (record instanceof JournalRecord.ChannelDeleted r) {
            MapDbChannel gone = channels.remove(r.channel());
            cursors.remove(r.channel());
            if (gone != null) {
                gone.messages().clearIndex();
                gone.subscriptions().clearTable();
                gone.messages().log().close();
                state.channels.remove(r.channel());
            }
        } else if (record instanceof JournalRecord.SegmentEnd r) {
            MapDbChannel channel = channels.get(r.channel());
            if (channel != null) {
                for (SegmentRecord m : messages.get(r.channel())) {
                    channel.messages().applyAppend(m.sequence(), m.timestamp(),
                            new LogPosition(m.segment(), m.offset()), m.body().length);
                }
                cursors.put(r.channel(), new LogPosition(r.segment(), r.offset()));
            }
        } else {
            applyToChannel(record);
        }
    }

    private void applyToChannel(JournalRecord record) {
        if (record instanceof JournalRecord.Trimmed r) {
            channel(r.channel()).messages().applyTrim(r.firstSequence());
        } else if (record instanceof JournalRecord.SubPut r) {
            try {
                channel(r.channel()).subscriptions().applyPut(SubState.parseFrom(r.state()));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new StoreException(StoreException.Reason.CORRUPT, "journal holds an invalid SubState for"
                        + " subscription " + r.subId() + " of channel number " + r.channel(), e);
            }
        } else if (record instanceof JournalRecord.SubDeleted r) {
            channel(r.channel()).subscriptions().applyDelete(r.subId());
        } else if (record instanceof JournalRecord.PendingAdded r) {
            channel(r.channel()).subscriptions().applyPending(r.subId(), r.sequence());
        } else if (record instanceof JournalRecord.PendingAcked r) {
            channel(r.channel()).subscriptions().applyAck(r.subId(), r.sequence());
        } else if (record instanceof JournalRecord.RedeliveryCounted r) {
            channel(r.channel()).subscriptions().applyRedeliveryCount(r.subId(), r.sequence(), r.count());
        }
    }

    private MapDbChannel channel(long number) {
        MapDbChannel channel = channels.get(number);
        if (channel == null) {
            throw new StoreException(StoreException.Reason.CORRUPT, "journal refers to channel number " + number
                    + ", which does not exist at that point");
        }
        return channel;
    }

    /** Sets each log's append position, cuts uncommitted tails, removes directories of dead channels. */
    private void finishChannels() {
        for (Map.Entry<Long, MapDbChannel> e : channels.entrySet()) {
            LogPosition end = cursors.get(e.getKey());
            SegmentLog log = e.getValue().messages().log();
            SegmentLog.truncateAfter(log.directory(), end);
            log.moveEnd(end);
        }
        Path root = config.directory().resolve("channels");
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                if (!isLiveChannel(dir)) {
                    LOG.log(System.Logger.Level.INFO, "removing files of deleted channel {0}", dir);
                    deleteTree(dir);
                }
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot list " + root, e);
        }
    }

    private boolean isLiveChannel(Path dir) {
        try {
            return channels.containsKey(Long.parseLong(dir.getFileName().toString()));
        } catch (NumberFormatException e) {
            return true; // not ours: leave it alone
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private TreeMap<Long, Path> journalFiles(long from) {
        TreeMap<Long, Path> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(config.directory())) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith("journal.") && name.endsWith(".log")) {
                    long n = Long.parseLong(name.substring(8, name.length() - 4));
                    if (n >= from) {
                        result.put(n, file);
                    } else {
                        Files.delete(file);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new StoreException(StoreException.Reason.IO, "cannot list journals in " + config.directory(), e);
        }
        return result;
    }

    private static void cut(Path file, long size, long end) {
        LOG.log(System.Logger.Level.WARNING, "truncating torn tail of journal {0} from {1} to {2} bytes",
                file, size, end);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(end);
            channel.force(true);
        } catch (IOException e) {
            throw SegmentLog.io("cannot truncate " + file, e);
        }
    }
}
