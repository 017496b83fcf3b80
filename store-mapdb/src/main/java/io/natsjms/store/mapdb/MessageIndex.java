package io.natsjms.store.mapdb;

import java.util.Arrays;
import org.mapdb.BTreeMap;

/**
 * Where each message of a channel lives: sequence → (segment, offset, length, timestamp).
 *
 * <p>MapDB holds the index in blocks of {@value #BLOCK} consecutive sequences (one entry per block,
 * written at checkpoints); the entries appended since the last checkpoint are kept in a compact
 * in-memory tail, bounded by the checkpoint size. One MapDB put per message cost ~130 µs with
 * transactions enabled (measured), one put per block is negligible. Blocks are stored compactly
 * ({@link IndexBlockCodec}) and outside the BTree nodes, so a put does not rewrite its neighbours.
 * Guarded by the store lock.
 */
final class MessageIndex {

    static final int BLOCK = 256;
    static final int FIELDS = 4;
    static final int SEGMENT = 0;
    static final int OFFSET = 1;
    static final int LENGTH = 2;
    static final int TIMESTAMP = 3;

    private final BTreeMap<Long, byte[]> blocks;
    /** First sequence held in the tail; entries below it are in {@link #blocks}. */
    private volatile long tailStart;
    /** The tail: FIELDS longs per sequence from tailStart. */
    private volatile long[] tail = new long[FIELDS * 64];
    private volatile int tailCount;
    /** The last block read from MapDB, with its number (a one-entry cache). */
    private volatile CachedBlock cached;

    private record CachedBlock(long number, long[] entries) { }

    MessageIndex(BTreeMap<Long, byte[]> blocks, long nextSequence) {
        this.blocks = blocks;
        this.tailStart = nextSequence;
    }

    /** Adds the entry of {@code sequence}, which must be the next one after the last added. */
    void add(long sequence, long segment, long offset, long length, long timestamp) {
        if (tailCount == 0) {
            tailStart = sequence;
        } else if (sequence != tailStart + tailCount) {
            throw new IllegalStateException("index: sequence " + sequence + " (expected: " + (tailStart + tailCount) + ")");
        }
        long[] t = tail;
        int at = tailCount * FIELDS;
        if (at + FIELDS > t.length) {
            t = Arrays.copyOf(t, t.length * 2);
        }
        t[at + SEGMENT] = segment;
        t[at + OFFSET] = offset;
        t[at + LENGTH] = length;
        t[at + TIMESTAMP] = timestamp;
        tail = t;
        tailCount++;
    }

    /** The entry of {@code sequence} (a copy), or null if the index has none. */
    long[] get(long sequence) {
        long start = tailStart;
        int count = tailCount;
        long[] t = tail;
        if (sequence >= start && sequence < start + count) {
            int at = (int) (sequence - start) * FIELDS;
            return Arrays.copyOfRange(t, at, at + FIELDS);
        }
        if (sequence < 1 || (count > 0 && sequence >= start)) {
            return null;
        }
        long number = (sequence - 1) / BLOCK;
        CachedBlock block = cached;
        if (block == null || block.number() != number) {
            byte[] encoded = blocks.get(number);
            if (encoded == null) {
                return null;
            }
            block = new CachedBlock(number, IndexBlockCodec.decode(encoded));
            cached = block;
        }
        int at = (int) ((sequence - 1) % BLOCK) * FIELDS;
        if (at + FIELDS > block.entries().length) {
            return null;
        }
        return Arrays.copyOfRange(block.entries(), at, at + FIELDS);
    }

    /**
     * Moves the tail into MapDB blocks (part of a checkpoint) and removes the blocks holding only
     * sequences below {@code firstHeld}.
     */
    void checkpoint(long firstHeld) {
        int count = tailCount;
        long seq = tailStart;
        int done = 0;
        while (done < count) {
            long number = (seq - 1) / BLOCK;
            int inBlock = (int) ((seq - 1) % BLOCK);
            int n = (int) Math.min(count - done, BLOCK - inBlock);
            byte[] stored = inBlock == 0 ? null : blocks.get(number);
            long[] old = stored == null ? new long[0] : IndexBlockCodec.decode(stored);
            long[] merged = Arrays.copyOf(old, (inBlock + n) * FIELDS);
            System.arraycopy(tail, done * FIELDS, merged, inBlock * FIELDS, n * FIELDS);
            blocks.put(number, IndexBlockCodec.encode(merged));
            done += n;
            seq += n;
        }
        tailStart = seq;
        tailCount = 0;
        tail = new long[FIELDS * 64];
        cached = null;
        long firstBlock = firstHeld < 1 ? 0 : (firstHeld - 1) / BLOCK;
        while (!blocks.isEmpty() && blocks.firstKey() < firstBlock) {
            blocks.remove(blocks.firstKey());
        }
    }

    /** Removes everything (the channel is deleted). */
    void clear() {
        blocks.clear();
        tailCount = 0;
        cached = null;
    }
}
