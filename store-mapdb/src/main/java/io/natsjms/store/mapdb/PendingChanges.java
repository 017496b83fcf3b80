package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The pending adds and acks of one subscription within one commit, in the order they were made, as
 * runs of consecutive sequences: deliveries to a subscription mostly take consecutive sequences, and
 * so do the acks of a client that acks in order, so a commit of thousands of them is a few runs. It
 * is the body of a {@link JournalRecord.PendingBatch} (type 18), which replaces one 25-byte record
 * per delivery and per ack (types 9 and 10, still read).
 *
 * <p>A batch is open while its journal assembles a commit and no other record of the subscription
 * came after it (see {@link Journal#pendingChange}); then it is {@link #seal() sealed}, and later
 * changes go to a new batch, so replaying the records in order gives the same state.
 *
 * <p>Encoding: {@code [int length][length bytes of runs]}, a run being {@code [varint count << 1 |
 * kind][varint zigzag(first - end of the previous run)]} (kind 0: added, 1: acked; the first run is
 * taken relative to 0). Not thread-safe.
 */
final class PendingChanges {

    private static final int KIND_ACKED = 1;

    /** Pairs of longs: the first sequence of a run, and its count shifted left by one plus its kind. */
    private long[] runs;
    private int length;
    private boolean sealed;

    PendingChanges() {
        runs = new long[8];
    }

    private PendingChanges(long[] runs, int length) {
        this.runs = runs;
        this.length = length;
        this.sealed = true;
    }

    /** Records that {@code sequence} was added pending ({@code acked} false) or acknowledged. */
    void add(boolean acked, long sequence) {
        if (sealed) {
            throw new IllegalStateException("a sealed batch of pending changes does not change");
        }
        int kind = acked ? KIND_ACKED : 0;
        if (length > 0) {
            long last = runs[length - 1];
            long first = runs[length - 2];
            long count = last >>> 1;
            if ((last & 1) == kind && sequence == first + count && count < Integer.MAX_VALUE) {
                runs[length - 1] = last + 2;
                return;
            }
        }
        if (length == runs.length) {
            runs = Arrays.copyOf(runs, runs.length * 2);
        }
        runs[length++] = sequence;
        runs[length++] = (1L << 1) | kind;
    }

    /** No more changes go here (another record of the subscription follows, or the commit is done). */
    void seal() {
        sealed = true;
    }

    boolean sealed() {
        return sealed;
    }

    int runCount() {
        return length / 2;
    }

    long first(int run) {
        return runs[2 * run];
    }

    long count(int run) {
        return runs[2 * run + 1] >>> 1;
    }

    boolean acked(int run) {
        return (runs[2 * run + 1] & 1) == KIND_ACKED;
    }

    /** Writes the encoding (see the class comment) at the position of {@code out}, which must have room. */
    void write(FrameBuffer out) {
        ByteBuffer buf = out.room(4 + encodedBound());
        int lengthAt = buf.position();
        buf.position(lengthAt + 4);
        long end = 0;
        for (int i = 0; i < length; i += 2) {
            putVarLong(buf, runs[i + 1]);
            putVarLong(buf, zigzag(runs[i] - end));
            end = runs[i] + (runs[i + 1] >>> 1);
        }
        buf.putInt(lengthAt, buf.position() - lengthAt - 4);
    }

    /** Bytes the runs take at most once encoded. */
    private int encodedBound() {
        return length * 10;
    }

    /**
     * Reads the encoding at the position of {@code in} and moves past it.
     *
     * @throws IOException saying what is wrong, if it is cut short or a run is impossible
     */
    static PendingChanges read(ByteBuffer in) throws IOException {
        if (in.remaining() < 4) {
            throw new java.io.EOFException("pending changes cut short");
        }
        int bytes = in.getInt();
        if (bytes < 0 || bytes > in.remaining()) {
            throw new IOException("pending changes of " + bytes + " bytes exceed the frame (" + in.remaining()
                    + " bytes left)");
        }
        int stop = in.position() + bytes;
        long[] runs = new long[Math.min(16, 2 * bytes)];
        int length = 0;
        long end = 0;
        while (in.position() < stop) {
            long header = varLong(in, stop);
            long first = end + unzigzag(varLong(in, stop));
            long count = header >>> 1;
            if (count < 1 || count > Integer.MAX_VALUE) {
                throw new IOException("a run of " + count + " pending changes (expected: 1 to " + Integer.MAX_VALUE
                        + ")");
            }
            if (length == runs.length) {
                runs = Arrays.copyOf(runs, runs.length * 2);
            }
            runs[length++] = first;
            runs[length++] = header;
            end = first + count;
        }
        return new PendingChanges(runs, length);
    }

    private static void putVarLong(ByteBuffer buf, long value) {
        while ((value & ~0x7fL) != 0) {
            buf.put((byte) ((value & 0x7f) | 0x80));
            value >>>= 7;
        }
        buf.put((byte) value);
    }

    private static long varLong(ByteBuffer in, int stop) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (in.position() >= stop) {
                throw new IOException("pending changes: a number is cut short");
            }
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IOException("pending changes: a number runs over 10 bytes");
    }

    private static long zigzag(long value) {
        return (value << 1) ^ (value >> 63);
    }

    private static long unzigzag(long value) {
        return (value >>> 1) ^ -(value & 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PendingChanges o && Arrays.equals(runs, 0, length, o.runs, 0, o.length);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + Long.hashCode(runs[i]);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int run = 0; run < runCount(); run++) {
            text.append(run == 0 ? "" : ", ").append(acked(run) ? "acked " : "added ").append(first(run));
            if (count(run) > 1) {
                text.append("..").append(first(run) + count(run) - 1);
            }
        }
        return text.append(']').toString();
    }
}
