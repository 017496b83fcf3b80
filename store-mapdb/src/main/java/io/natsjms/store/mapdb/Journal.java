package io.natsjms.store.mapdb;

import io.natsjms.store.StoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.CRC32C;

/**
 * The store-wide journal file {@code journal.<n>.log}: one CRC-protected frame per commit holding
 * the typed records of that commit ({@link JournalRecord}). Records are kept until
 * {@link #writeFrame}; a frame is the unit of atomicity. A frame that could not be written or
 * forced is cut off again by {@link #rollback()}, and its records stay for the next commit.
 *
 * <p>Frame layout: {@code [int magic][int bodyLength][int crc32c(body)][body]}, body =
 * {@code [long commitNumber][records...]}.
 */
final class Journal implements AutoCloseable {

    static final int MAGIC = 0x4e4a4d4a; // "NJMJ"
    static final int FRAME_HEADER = 12;

    private final Path directory;
    private final long number;
    private final FileChannel channel;
    /** Where the next frame goes; where the last written frame ends. */
    private long position;
    /** Records of the commit being assembled; guarded by the store lock. */
    private final List<JournalRecord> pending = new ArrayList<>();
    /** The batches of pending changes in {@code pending} that later changes may still go to. */
    private final List<PendingChanges> openBatches = new ArrayList<>();
    private boolean dirty;
    /** Where frames are assembled; guarded by the store lock. */
    private final FrameBuffer frameBuffer = new FrameBuffer();

    private Journal(Path directory, long number, FileChannel channel, long position) {
        this.directory = directory;
        this.number = number;
        this.channel = channel;
        this.position = position;
    }

    static Path file(Path directory, long number) {
        return directory.resolve("journal." + number + ".log");
    }

    /** Opens journal {@code number} for appending at {@code end} (created and made durable if missing). */
    static Journal open(Path directory, long number, long end, StoreFiles files) {
        Path file = file(directory, number);
        FileChannel channel = null;
        try {
            boolean created = !Files.exists(file);
            channel = files.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                channel.force(true);
                files.forceDirectory(directory);
            }
            return new Journal(directory, number, channel, end);
        } catch (IOException e) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw SegmentLog.io("cannot open journal " + file, e);
        }
    }

    long number() {
        return number;
    }

    Path file() {
        return file(directory, number);
    }

    /** Bytes written to this journal file so far. */
    long size() {
        return position;
    }

    void add(JournalRecord record) {
        if (ordersPendingChanges(record)) {
            sealBatches();
        }
        pending.add(record);
    }

    /**
     * Records a pending add or ack of a subscription: into {@code batch} (the one this method
     * returned last for the subscription) while it is open, else into a new batch added as a record.
     * Changes of different subscriptions do not depend on each other, so each subscription's batch
     * stays open until a record follows that replay must see after it (see {@link #add}).
     *
     * @return the batch the change went to
     */
    PendingChanges pendingChange(PendingChanges batch, long channel, long subId, boolean acked, long sequence) {
        PendingChanges target = batch;
        if (target == null || target.sealed()) {
            target = new PendingChanges();
            pending.add(new JournalRecord.PendingBatch(channel, subId, target));
            openBatches.add(target);
        }
        target.add(acked, sequence);
        return target;
    }

    /**
     * Whether replay must apply {@code record} after the pending changes recorded before it: a
     * record of a subscription's state, or a channel's deletion. (The others touch no pending set.)
     */
    private static boolean ordersPendingChanges(JournalRecord record) {
        return record instanceof JournalRecord.SubPut || record instanceof JournalRecord.SubDeleted
                || record instanceof JournalRecord.RedeliveryCounted || record instanceof JournalRecord.SubSetAside
                || record instanceof JournalRecord.ChannelDeleted || record instanceof JournalRecord.PendingAdded
                || record instanceof JournalRecord.PendingAcked;
    }

    private void sealBatches() {
        for (PendingChanges batch : openBatches) {
            batch.seal();
        }
        openBatches.clear();
    }

    /** Drops the pending records that {@code undone} matches (their changes were undone in memory). */
    void forget(Predicate<JournalRecord> undone) {
        pending.removeIf(undone);
    }

    boolean hasRecords() {
        return !pending.isEmpty();
    }

    /**
     * Writes the pending records and {@code extra} as one frame (to the OS, not forced). The pending
     * records are kept until {@link #committed()}.
     */
    void writeFrame(long commitNumber, List<JournalRecord> extra) {
        frameBuffer.reset().position(FRAME_HEADER).putLong(commitNumber);
        for (JournalRecord record : pending) {
            JournalRecord.write(frameBuffer, record);
        }
        for (JournalRecord record : extra) {
            JournalRecord.write(frameBuffer, record);
        }
        ByteBuffer frame = frameBuffer.buffer();
        int bodyLength = frame.position() - FRAME_HEADER;
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), frame.arrayOffset() + FRAME_HEADER, bodyLength);
        frame.putInt(0, MAGIC).putInt(4, bodyLength).putInt(8, (int) crc.getValue());
        frame.flip();
        dirty = true;
        long p = position;
        try {
            while (frame.hasRemaining()) {
                p += channel.write(frame, p);
            }
        } catch (IOException e) {
            throw SegmentLog.io("cannot write journal " + file(), e);
        }
        position = p;
    }

    /** The frame written last is committed: its records are done. */
    void committed() {
        pending.clear();
        sealBatches();
    }

    /**
     * Cuts the file back to {@code end} (where the last committed frame ends) and forces the cut.
     * The pending records are kept.
     */
    void rollback(long end) {
        try {
            if (channel.size() > end) {
                channel.truncate(end);
            }
            channel.force(false);
        } catch (IOException e) {
            throw SegmentLog.io("cannot cut journal " + file() + " back to " + end + " bytes after a failed write", e);
        }
        position = end;
        dirty = false;
    }

    void force() {
        if (!dirty) {
            return;
        }
        try {
            channel.force(false);
        } catch (IOException e) {
            throw SegmentLog.io("cannot force journal " + file(), e);
        }
        dirty = false;
    }

    /**
     * What forces the frames written so far, for a commit that is forced later on another thread;
     * unlike {@link #force()} it keeps no bookkeeping, so later frames may be written meanwhile.
     */
    Forceable pendingForce() {
        return () -> {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw SegmentLog.io("cannot force journal " + file(), e);
            }
        };
    }

    @Override
    public void close() {
        sealBatches();
        try {
            channel.close();
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.IO, "cannot close journal " + file() + ": " + e, e);
        }
    }
}
