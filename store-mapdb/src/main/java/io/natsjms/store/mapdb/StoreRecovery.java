package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import io.natsjms.store.spb.SubState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Brings a store back after a restart: the checkpointed state from MapDB, then every committed
 * journal frame after it, with the message records each frame covers.
 *
 * <p>Everything is read and checked first; only when the whole directory was found consistent are
 * files changed (a torn journal tail cut, uncommitted segment tails cut, obsolete files deleted).
 * A refusal ({@code CORRUPT}) names the file and offset and leaves the directory as it was. A torn
 * last frame (the commit in progress when the process died) is cut off and logged; damage before
 * it, a missing journal, or segment data of commits the journal lost are {@code CORRUPT}.
 */
final class StoreRecovery {

    private static final System.Logger LOG = System.getLogger(StoreRecovery.class.getName());

    private final StoreContext context;
    private final MapDbStoreConfig config;
    private final StateDb state;
    final ServerRecords server;
    /** Live channels by number; the result. */
    final Map<Long, MapDbChannel> channels = new LinkedHashMap<>();
    /** Channels the replayed journal deleted; their files and MapDB entries go at the first checkpoint. */
    final List<MapDbChannel> deleted = new ArrayList<>();
    /** Where each checkpointed channel's messages ended at the checkpoint. */
    private final Map<Long, LogPosition> checkpointedEnd = new HashMap<>();
    /** Where each channel's committed messages end. */
    private final Map<Long, LogPosition> cursors = new HashMap<>();
    long nextChannel;
    long commitNumber;
    /** Whether anything was found on disk. */
    boolean found;
    /** Deleted channels whose files recovery removed: the state file forgets them at the next checkpoint. */
    final List<Long> purged = new ArrayList<>();
    /** Changes to make once everything was checked. */
    private final List<Runnable> changes = new ArrayList<>();
    private Path lastJournal;
    private long lastJournalNumber;
    private long journalEnd;

    private final StateBackup backup;
    /** Reads the segment data the replayed frames commit; open only during {@link #run()}. */
    private final SegmentScanner scanner;
    /** Segment bytes the replayed frames carry and the files lost (a power loss). */
    private final SegmentRestores restores;
    /** The message records of the frame being replayed, by channel (see {@link #scanMessages}). */
    private final Map<Long, List<SegmentRecord>> frameMessages = new HashMap<>();
    /** The channel ends the frame being replayed moved so far, by channel (see {@link #scanMessages}). */
    private final Map<Long, LogPosition> frameEnds = new HashMap<>();

    StoreRecovery(StoreContext context, StateBackup backup) {
        this.context = context;
        this.backup = backup;
        this.config = context.config();
        this.state = context.state();
        this.server = new ServerRecords(state);
        this.scanner = new SegmentScanner(config.directory(), context.files());
        this.restores = new SegmentRestores(config.directory());
    }

    /** Checks that {@code directory} can be opened without losing anything, before MapDB touches it. */
    static void checkStateFile(Path directory) {
        Path file = directory.resolve(StateDb.FILE_NAME);
        try {
            if (Files.exists(file) && Files.size(file) > 0) {
                return;
            }
            List<String> data = new ArrayList<>();
            try (Stream<Path> list = Files.list(directory)) {
                for (Path p : list.toList()) {
                    if (journalNumber(p) >= 0 && Files.size(p) > 0) {
                        data.add(p.getFileName().toString());
                    }
                }
            }
            Path channelsDir = directory.resolve("channels");
            if (Files.isDirectory(channelsDir)) {
                try (Stream<Path> walk = Files.walk(channelsDir)) {
                    walk.filter(p -> SegmentLog.segmentNumber(p) >= 0).findFirst()
                            .ifPresent(p -> data.add(directory.relativize(p).toString()));
                }
            }
            if (!data.isEmpty()) {
                throw new StoreException(StoreException.Reason.CORRUPT, "state file " + file
                        + (Files.exists(file) ? " is empty" : " is missing") + " but the data directory holds "
                        + String.join(", ", data) + ": without it the channel names, subscriptions and the index"
                        + " of those messages are unknown. Nothing was changed; restore " + file
                        + " (e.g. from a backup), or move the data directory away to start empty");
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot inspect " + directory, e);
        }
    }

    void run() {
        try (scanner; restores) {
            readAndCheck();
        }
        backup.discard();
        for (Runnable change : changes) {
            change.run();
        }
        context.wal().attach(Journal.open(config.directory(), lastJournalNumber, journalEnd, context.files()),
                commitNumber);
        for (MapDbChannel channel : channels.values()) {
            channel.messages().committedNow();
        }
    }

    /** Reads and checks everything, planning the changes to make; changes nothing on disk. */
    private void readAndCheck() {
        boolean checkpointed = state.meta.containsKey(StateDb.JOURNAL);
        nextChannel = state.getLong(StateDb.NEXT_CHANNEL, 1);
        commitNumber = state.getLong(StateDb.COMMIT, 0);
        long journalNumber = state.getLong(StateDb.JOURNAL, 1);
        found = state.meta.keySet().stream().anyMatch(key -> !key.equals(StateDb.LAYOUT)); // set at open
        loadCheckpoint();
        TreeMap<Long, Path> journals = journalFiles(journalNumber, checkpointed);
        lastJournalNumber = journalNumber;
        lastJournal = Journal.file(config.directory(), journalNumber);
        for (Map.Entry<Long, Path> e : journals.entrySet()) {
            boolean lastFile = e.getKey().equals(journals.lastKey());
            JournalReader.Contents contents = JournalReader.read(e.getValue());
            if (!lastFile && contents.torn()) {
                throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + e.getValue()
                        + " is damaged at offset " + contents.end() + " (of " + contents.size() + " bytes) and later"
                        + " journal files follow it; commits up to " + (commitNumber + contents.frames().size())
                        + " are recoverable");
            }
            lastJournal = e.getValue();
            long end = replay(e.getValue(), contents, lastFile);
            lastJournalNumber = e.getKey();
            journalEnd = end;
            if (end < contents.size()) {
                Path file = e.getValue();
                long size = contents.size();
                changes.add(() -> cut(file, size, end));
            }
        }
        if (restores.any()) {
            changes.add(restores::write); // before the tails after the committed ends are cut
        }
        checkSegmentTails();
        planChannelFiles();
    }

    private void loadCheckpoint() {
        server.scheduled().load(state.scheduled, (key, raw) -> context.aside().add("state file " + state.file()
                + ", scheduled message \"" + key + "\"", "checksum mismatch", raw));
        server.prepared().load(state.prepared, (key, raw) -> setAsideBranch("state file " + state.file(), key,
                "checksum mismatch", raw));
        for (Map.Entry<String, byte[]> e : List.copyOf(server.prepared().all().entrySet())) {
            MapDbPreparedTransactions.problem(e.getKey(), e.getValue()).ifPresent(why -> {
                setAsideBranch("state file " + state.file(), e.getKey(), why, e.getValue());
                server.prepared().remove(e.getKey());
            });
        }
        for (Map.Entry<Long, byte[]> e : state.channels.entrySet()) {
            ChannelMeta meta;
            try {
                meta = ChannelMeta.decode(e.getValue());
            } catch (IllegalArgumentException damaged) {
                throw new StoreException(StoreException.Reason.CORRUPT, "state file " + state.file()
                        + ": the record of channel number " + e.getKey() + " is damaged (" + damaged.getMessage()
                        + "); its messages are in " + MapDbChannel.directory(config.directory(), e.getKey())
                        + ". Nothing was changed", damaged);
            }
            checkSegments(e.getKey(), meta);
            MapDbChannel channel = MapDbChannel.open(context, e.getKey(), meta);
            channel.messages().verifyCheckpoint(meta.end());
            checkSegmentFiles(e.getKey(), channel, meta);
            channels.put(e.getKey(), channel);
            cursors.put(e.getKey(), meta.end());
            checkpointedEnd.put(e.getKey(), meta.end());
            nextChannel = Math.max(nextChannel, e.getKey() + 1);
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

    /**
     * Every segment from the one holding the oldest held message to the last must exist, and the
     * full ones must be as long as when they were filled (recorded since this check exists).
     */
    private void checkSegmentFiles(long number, MapDbChannel channel, ChannelMeta meta) {
        SegmentLog log = channel.messages().log();
        Map<Long, Long> sizes = channel.segmentSizes();
        try {
            for (long segment = channel.messages().oldestLiveSegment(); segment < meta.end().segment(); segment++) {
                Path file = log.file(segment);
                long size = Files.exists(file) ? Files.size(file) : -1;
                Long written = sizes.get(segment);
                if (size < 0 || written != null && size < written) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "segment file " + file
                            + (size < 0 ? " is missing" : " is truncated to " + size + " bytes (" + written
                            + " were written)") + " but holds checkpointed messages of channel \"" + meta.name()
                            + "\" (messages " + meta.firstSequence() + ".." + meta.lastSequence() + " are in segments "
                            + channel.messages().oldestLiveSegment() + ".." + meta.end().segment()
                            + "). Nothing was changed");
                }
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot check the segments of " + log.directory(), e);
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
            for (JournalRecord record : frame.records()) {
                if (record instanceof JournalRecord.SegmentData data) {
                    scanner.restore(data);
                }
            }
            Map<Long, List<SegmentRecord>> messages = scanMessages(frame);
            if (messages == null) {
                boolean lastFrame = lastFile && i == frames.size() - 1 && !contents.torn();
                if (!lastFrame && (config.fsync() == FsyncPolicy.ALWAYS || !lastFile)) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + file
                            + " commit " + frame.commitNumber() + " (offset " + frame.position() + ") refers to"
                            + " message records that are missing or damaged in the segment files; commits up to "
                            + commitNumber + " are recoverable");
                }
                LOG.log(System.Logger.Level.WARNING, "commit {0} in {1} was not completely written (crash during"
                        + " commit); rolled back to commit {2}", frame.commitNumber(), file, commitNumber);
                return frame.position();
            }
            for (JournalRecord record : frame.records()) {
                if (record instanceof JournalRecord.SegmentData data) {
                    restores.check(data);
                } else {
                    apply(file, frame, record, messages);
                }
            }
            commitNumber = frame.commitNumber();
        }
        return contents.end();
    }

    /**
     * Reads and verifies the message records a frame commits, by channel; null if any is missing or
     * damaged. The map returned is only valid until the next frame's scan (one map serves every frame:
     * a journal of single-message commits has one frame per message).
     */
    private Map<Long, List<SegmentRecord>> scanMessages(JournalReader.Frame frame) {
        Map<Long, List<SegmentRecord>> result = frameMessages;
        Map<Long, LogPosition> from = frameEnds; // ends moved by this frame; the rest are in cursors
        result.clear();
        from.clear();
        for (JournalRecord record : frame.records()) {
            if (record instanceof JournalRecord.SegmentEnd end) {
                LogPosition start = from.getOrDefault(end.channel(),
                        cursors.getOrDefault(end.channel(), LogPosition.START));
                LogPosition to = new LogPosition(end.segment(), end.offset());
                List<SegmentRecord> records;
                try {
                    records = scanner.scan(end.channel(), start, to);
                } catch (StoreException e) {
                    throw new StoreException(e.reason(), e.getMessage() + " (commit " + frame.commitNumber()
                            + " at offset " + frame.position() + " of journal file " + lastJournal + "); commits up to "
                            + commitNumber + " are recoverable. Nothing was changed", e);
                }
                if (records == null) {
                    refuseMissingSegment(frame, start, to, end.channel());
                    return null;
                }
                result.put(end.channel(), records);
                from.put(end.channel(), to);
            }
        }
        return result;
    }

    /**
     * Under {@code fsync=always} a commit forces the directory entry of every segment file it
     * creates before it writes its journal frame, so a file between a channel's committed end and
     * the end a frame names cannot be missing after any crash: it was deleted, and with it
     * acknowledged messages. Even in the last frame that is refused, not rolled back.
     */
    private void refuseMissingSegment(JournalReader.Frame frame, LogPosition from, LogPosition to, long channel) {
        if (config.fsync() != FsyncPolicy.ALWAYS) {
            return; // an OS crash may lose a file created since the last sync
        }
        Path dir = MapDbChannel.directory(config.directory(), channel);
        for (long segment = from.segment(); segment <= to.segment(); segment++) {
            Path file = dir.resolve("msgs." + segment + ".log");
            if (!Files.exists(file)) {
                MapDbChannel known = channels.get(channel);
                throw new StoreException(StoreException.Reason.CORRUPT, "segment file " + file + " is missing but"
                        + " commit " + frame.commitNumber() + " (offset " + frame.position() + " of journal file "
                        + lastJournal + ") stored messages of channel " + (known == null ? "number " + channel
                        : "\"" + known.name() + "\"") + " in it (up to offset " + to.offset() + " of segment "
                        + to.segment() + "); with fsync=always a crash cannot lose it, it was deleted. Nothing was"
                        + " changed; commits up to " + commitNumber + " are recoverable");
            }
        }
    }

    private void apply(Path file, JournalReader.Frame frame, JournalRecord record,
                       Map<Long, List<SegmentRecord>> messages) {
        found = true;
        if (record instanceof JournalRecord.ServerInfoSet r) {
            server.setServerInfo(r.info());
        } else if (record instanceof JournalRecord.ClientAdded r) {
            server.putClient(r.id(), r.info());
        } else if (record instanceof JournalRecord.ClientDeleted r) {
            server.removeClient(r.id());
        } else if (record instanceof JournalRecord.ScheduledPut r) {
            server.scheduled().put(r.key(), r.msg());
        } else if (record instanceof JournalRecord.ScheduledRemoved r) {
            server.scheduled().remove(r.key());
        } else if (record instanceof JournalRecord.PreparedPut r) {
            java.util.Optional<String> problem = MapDbPreparedTransactions.problem(r.key(), r.tx());
            if (problem.isPresent()) {
                setAsideBranch("journal file " + file + " commit " + frame.commitNumber() + " (offset "
                        + frame.position() + ")", r.key(), problem.get(), r.tx());
                server.prepared().remove(r.key());
            } else {
                server.prepared().put(r.key(), r.tx());
            }
        } else if (record instanceof JournalRecord.PreparedRemoved r) {
            server.prepared().remove(r.key());
        } else if (record instanceof JournalRecord.ChannelCreated r) {
            channels.put(r.channel(), MapDbChannel.open(context, r.channel(), ChannelMeta.empty(r.name())));
            cursors.put(r.channel(), LogPosition.START);
            nextChannel = Math.max(nextChannel, r.channel() + 1);
        } else if (record instanceof JournalRecord.ChannelDeleted r) {
            MapDbChannel gone = channels.remove(r.channel());
            cursors.remove(r.channel());
            if (gone != null) {
                gone.messages().log().close();
                deleted.add(gone);
            }
        } else if (record instanceof JournalRecord.SegmentEnd r) {
            MapDbChannel channel = channels.get(r.channel());
            if (channel != null) {
                for (SegmentRecord m : messages.get(r.channel())) {
                    channel.messages().applyAppend(m.sequence(), m.timestamp(),
                            new LogPosition(m.segment(), m.offset()), m.length());
                }
                cursors.put(r.channel(), new LogPosition(r.segment(), r.offset()));
            }
        } else {
            applyToChannel(file, frame, record);
        }
    }

    /**
     * A prepared branch recovery cannot bring back is set aside like any damaged record, with a
     * reason saying what that means: its transaction is then neither committed nor rolled back here.
     */
    private void setAsideBranch(String where, String key, String why, byte[] raw) {
        context.aside().add(where + ", prepared transaction branch " + key, why + "; the branch is left out: its"
                + " sends and acknowledgements are not applied, and its messages are not held. Its transaction must"
                + " be resolved by hand (the raw PreparedTx is kept)", raw);
    }

    private void applyToChannel(Path file, JournalReader.Frame frame, JournalRecord record) {
        long number = channelOf(record);
        MapDbChannel channel = channels.get(number);
        String where = "journal file " + file + " commit " + frame.commitNumber() + " (offset " + frame.position()
                + ")";
        if (channel == null) {
            context.aside().add(where + ", " + record.getClass().getSimpleName() + " record",
                    "channel number " + number + " does not exist at that point", describe(record));
            return;
        }
        if (record instanceof JournalRecord.Trimmed r) {
            channel.messages().applyTrim(r.firstSequence());
        } else if (record instanceof JournalRecord.SubPut r) {
            try {
                channel.subscriptions().applyPut(SubState.parseFrom(r.state()));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                context.aside().add(where + ", subscription " + r.subId() + " of channel \"" + channel.name() + "\"",
                        "not a valid SubState (" + e.getMessage() + ")", r.state());
            }
        } else if (record instanceof JournalRecord.SubDeleted r) {
            channel.subscriptions().applyDelete(r.subId());
        } else if (record instanceof JournalRecord.PendingBatch r) {
            channel.subscriptions().applyChanges(r.subId(), r.changes());
        } else if (record instanceof JournalRecord.PendingAdded r) {
            channel.subscriptions().applyPending(r.subId(), r.sequence());
        } else if (record instanceof JournalRecord.PendingAcked r) {
            channel.subscriptions().applyAck(r.subId(), r.sequence());
        } else if (record instanceof JournalRecord.RedeliveryCounted r) {
            channel.subscriptions().applyRedeliveryCount(r.subId(), r.sequence(), r.count());
        } else if (record instanceof JournalRecord.SubSetAside r) {
            channel.subscriptions().applySetAside(r.subId(), r.reason(), r.record());
        }
    }

    private static long channelOf(JournalRecord record) {
        if (record instanceof JournalRecord.Trimmed r) {
            return r.channel();
        } else if (record instanceof JournalRecord.SubPut r) {
            return r.channel();
        } else if (record instanceof JournalRecord.SubDeleted r) {
            return r.channel();
        } else if (record instanceof JournalRecord.PendingBatch r) {
            return r.channel();
        } else if (record instanceof JournalRecord.PendingAdded r) {
            return r.channel();
        } else if (record instanceof JournalRecord.PendingAcked r) {
            return r.channel();
        } else if (record instanceof JournalRecord.RedeliveryCounted r) {
            return r.channel();
        } else if (record instanceof JournalRecord.SubSetAside r) {
            return r.channel();
        }
        throw new IllegalArgumentException("not a channel record: " + record);
    }

    private static byte[] describe(JournalRecord record) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        JournalRecord.write(new java.io.DataOutputStream(bytes), record);
        return bytes.toByteArray();
    }

    /**
     * The segment data after each channel's committed end may only be the uncommitted tail of the
     * commit in flight: a commit marker of a later commit there means journal frames were lost
     * (a truncated or deleted journal), which is {@code CORRUPT} under {@code fsync=always}.
     */
    private void checkSegmentTails() {
        for (Map.Entry<Long, MapDbChannel> e : channels.entrySet()) {
            checkTail(e.getValue().messages().log().directory(), cursors.get(e.getKey()));
        }
    }

    private void checkTail(Path dir, LogPosition end) {
        for (SegmentRecord marker : SegmentMarkers.markersAfter(dir, end)) {
            if (marker.sequence() > commitNumber + 1) {
                String problem = "segment file " + dir.resolve("msgs." + marker.segment() + ".log") + " holds data of"
                        + " commit " + marker.sequence() + " at offset " + marker.offset() + ", but the journal ("
                        + lastJournal + ", " + journalEnd + " bytes valid) ends at commit " + commitNumber;
                if (config.fsync() == FsyncPolicy.ALWAYS) {
                    throw new StoreException(StoreException.Reason.CORRUPT, problem + ": journal frames were lost"
                            + " (truncated or deleted journal). Nothing was changed; commits up to " + commitNumber
                            + " are recoverable");
                }
                LOG.log(System.Logger.Level.WARNING, problem + " (fsync={0}: commits after the last sync may be"
                        + " lost in an OS crash); the segment data after commit {1} is dropped",
                        config.fsync(), commitNumber);
                return;
            }
        }
    }

    /**
     * Plans the cut of each live channel's uncommitted segment tail, and the removal of directories
     * of channels that no longer exist: deleted ones (numbers below the next channel number), and
     * ones whose data was never committed (checked like a tail).
     */
    private void planChannelFiles() {
        for (Map.Entry<Long, MapDbChannel> e : channels.entrySet()) {
            LogPosition end = cursors.get(e.getKey());
            SegmentLog log = e.getValue().messages().log();
            for (long segment = checkpointedEnd.getOrDefault(e.getKey(), LogPosition.START).segment();
                 segment < end.segment(); segment++) {
                try {
                    log.seal(segment, Files.size(log.file(segment))); // replayed: scanned up to its end
                } catch (IOException ex) {
                    throw SegmentLog.io("cannot read the size of " + log.file(segment), ex);
                }
            }
            changes.add(() -> {
                SegmentLog.truncateAfter(log.directory(), end);
                log.moveEnd(end);
            });
        }
        Path root = config.directory().resolve("channels");
        if (!Files.isDirectory(root)) {
            return;
        }
        java.util.Set<Long> deletedNow = new java.util.HashSet<>();
        for (MapDbChannel gone : deleted) {
            deletedNow.add(gone.number());
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                long number = channelNumber(dir);
                if (number < 0 || channels.containsKey(number) || deletedNow.contains(number)) {
                    continue; // not ours, live, or deleted by the journal (its files go after the checkpoint)
                }
                String why;
                if (state.deletedChannels.containsKey(number)) {
                    why = "deleted channel \"" + state.deletedChannels.get(number) + "\"";
                    purged.add(number);
                } else if (number >= nextChannel) {
                    checkTail(dir, LogPosition.START);
                    why = "never committed channel";
                } else if (holdsData(dir)) {
                    throw new StoreException(StoreException.Reason.CORRUPT, "directory " + dir + " holds message"
                            + " data of channel number " + number + ", which neither the state file " + state.file()
                            + " nor the journal knows (a damaged state file, or the files of a channel deleted by an"
                            + " older version). Nothing was changed; move the directory away if it is not needed");
                } else {
                    why = "empty directory of an unknown channel";
                }
                changes.add(() -> {
                    LOG.log(System.Logger.Level.INFO, "removing {0}: {1}", dir, why);
                    try {
                        deleteTree(dir);
                        context.files().forceDirectory(root); // before the state file forgets the channel
                    } catch (IOException ex) {
                        throw SegmentLog.io("cannot delete " + dir, ex);
                    }
                });
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot list " + root, e);
        }
    }

    private static boolean holdsData(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (SegmentLog.segmentNumber(file) >= 0 && Files.size(file) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static long channelNumber(Path dir) {
        try {
            return Long.parseLong(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
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

    /** The number of a journal file name, or -1 for any other file. */
    static long journalNumber(Path file) {
        String name = file.getFileName().toString();
        if (!name.startsWith("journal.") || !name.endsWith(".log")) {
            return -1;
        }
        try {
            return Long.parseLong(name.substring(8, name.length() - 4));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The journals from {@code from} on, which must be numbered without a gap; older ones are
     * obsolete (the checkpoint covers them) and deleted once recovery succeeded. The first one must
     * exist once a checkpoint named it.
     */
    private TreeMap<Long, Path> journalFiles(long from, boolean checkpointed) {
        TreeMap<Long, Path> result = new TreeMap<>();
        try (Stream<Path> files = Files.list(config.directory())) {
            for (Path file : files.toList()) {
                long n = journalNumber(file);
                if (n >= from) {
                    result.put(n, file);
                } else if (n >= 0) {
                    changes.add(() -> {
                        try {
                            Files.deleteIfExists(file);
                        } catch (IOException e) {
                            throw SegmentLog.io("cannot delete " + file, e);
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot list journals in " + config.directory(), e);
        }
        long expected = from;
        for (long n : result.keySet()) {
            if (n != expected) {
                break;
            }
            expected++;
        }
        boolean firstMissing = checkpointed && !result.containsKey(from);
        if (firstMissing || (!result.isEmpty() && expected <= result.lastKey())) {
            Path missing = Journal.file(config.directory(), firstMissing ? from : expected);
            throw new StoreException(StoreException.Reason.CORRUPT, "journal file " + missing + " is missing"
                    + (result.isEmpty() ? "" : " (journals present: " + result.keySet() + ")") + "; the state file "
                    + state.file() + " names journal " + from + " as the first after its checkpoint (commit "
                    + commitNumber + "), so the commits it held are lost. Nothing was changed");
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
