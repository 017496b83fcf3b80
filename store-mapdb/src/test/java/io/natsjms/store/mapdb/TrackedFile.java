package io.natsjms.store.mapdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * One file as {@link PowerLossFiles} sees it: its <em>durable image</em> (the bytes a power loss cannot take away:
 * as of the last force of any channel of the file, or as it was when first opened) and the writes and truncations
 * made since, which a power loss may drop, keep or tear. Not thread-safe: {@link PowerLossFiles} guards it.
 */
final class TrackedFile {

    /** The sector size a torn write is cut at: a sector is written whole or not at all. */
    static final int SECTOR = 512;

    /** How the part of a torn write after the cut looks. */
    enum TornTail {
        /** Not written: the bytes there stay as they were, and a file it would have grown stays shorter. */
        ABSENT,
        /** The file grew but the data never came: zeros where the write went past the old end. */
        ZEROS,
        /** Random bytes in the whole torn part (a device that writes garbage). */
        GARBAGE
    }

    /**
     * An unforced operation as a {@link WriteBack} sees it: a write of {@code length} bytes at {@code position},
     * or ({@code write} false) a truncation to {@code position}.
     */
    record Pending(boolean write, long position, int length) {
        @Override
        public String toString() {
            return write ? "write @" + position + " +" + length : "truncate to " + position;
        }

        /** The sector boundaries strictly inside a write, where it may be torn (none: it is atomic). */
        long boundaries() {
            long first = (position / SECTOR + 1) * SECTOR;
            long end = position + length;
            return !write || first >= end ? 0 : (end - 1 - first) / SECTOR + 1;
        }

        /** The {@code i}th boundary (from 0) of {@link #boundaries()}. */
        long boundary(long i) {
            return (position / SECTOR + 1 + i) * SECTOR;
        }
    }

    /** What became of one unforced operation: dropped, applied whole, or (a write) torn at {@code cut}. */
    record Fate(int kind, long cut, TornTail tail) {
        static final Fate DROPPED = new Fate(0, 0, null);
        static final Fate APPLIED = new Fate(1, 0, null);

        static Fate torn(long cut, TornTail tail) {
            return new Fate(2, cut, tail);
        }

        @Override
        public String toString() {
            return kind == 0 ? "dropped" : kind == 1 ? "applied" : "torn at " + cut + ", then " + tail;
        }
    }

    /** Decides what a power loss does to the unforced operations of one file (given in order). */
    interface WriteBack {
        List<Fate> decide(Path file, List<Pending> operations);
    }

    private sealed interface Operation permits Write, Truncate {
        Pending pending();
    }

    private record Write(long position, byte[] bytes) implements Operation {
        @Override
        public Pending pending() {
            return new Pending(true, position, bytes.length);
        }
    }

    private record Truncate(long size) implements Operation {
        @Override
        public Pending pending() {
            return new Pending(false, size, 0);
        }
    }

    /** Whether the file was created through {@link PowerLossFiles} (its directory entry may be lost). */
    final boolean created;
    private byte[] durable;
    private final List<Operation> unforced = new ArrayList<>();

    TrackedFile(boolean created, byte[] durable) {
        this.created = created;
        this.durable = durable;
    }

    void written(long position, byte[] bytes) {
        unforced.add(new Write(position, bytes));
    }

    void truncated(long size) {
        unforced.add(new Truncate(size));
    }

    /** A force: {@code current} (the whole file as it is now) is durable, nothing is pending any more. */
    void forced(byte[] current) {
        durable = current;
        unforced.clear();
    }

    int unforcedCount() {
        return unforced.size();
    }

    /**
     * The file after a power loss: the durable image with each unforced operation, in order, dropped, applied
     * whole or torn, as {@code writeBack} decides.
     *
     * @param notes receives one line per operation saying what happened to it
     */
    byte[] afterPowerLoss(Path path, WriteBack writeBack, List<String> notes) {
        List<Pending> pending = unforced.stream().map(Operation::pending).toList();
        List<Fate> fates = writeBack.decide(path, pending);
        Image image = new Image(durable);
        for (int i = 0; i < unforced.size(); i++) {
            Operation op = unforced.get(i);
            Fate fate = fates.get(i);
            notes.add(pending.get(i) + " " + fate);
            if (fate.kind() == 0) {
                continue;
            }
            if (op instanceof Truncate t) {
                image.truncate(t.size());
            } else {
                Write w = (Write) op;
                if (fate.kind() == 1) {
                    image.write(w.position(), w.bytes(), 0, w.bytes().length);
                } else {
                    image.tear(w, fate.cut(), fate.tail());
                }
            }
        }
        return image.bytes();
    }

    /** A growable copy of a file's bytes. */
    private static final class Image {
        private byte[] bytes;
        private int length;

        Image(byte[] durable) {
            bytes = durable.clone();
            length = durable.length;
        }

        void truncate(long size) {
            length = (int) Math.min(length, size);
        }

        void write(long position, byte[] source, int from, int count) {
            int end = Math.toIntExact(position + count);
            grow(end);
            System.arraycopy(source, from, bytes, (int) position, count);
            length = Math.max(length, end);
        }

        void tear(Write w, long cut, TornTail tail) {
            if (cut <= w.position() || cut >= w.position() + w.bytes().length) {
                throw new IllegalArgumentException("cut " + cut + " (expected: inside " + w.pending() + ")");
            }
            int prefix = (int) (cut - w.position());
            write(w.position(), w.bytes(), 0, prefix);
            int rest = w.bytes().length - prefix;
            switch (tail) {
                case ABSENT -> { }
                case ZEROS -> {
                    int end = Math.toIntExact(cut + rest);
                    grow(end);
                    if (end > length) {
                        Arrays.fill(bytes, Math.max(length, (int) cut), end, (byte) 0);
                        length = end;
                    }
                }
                case GARBAGE -> {
                    byte[] junk = new byte[rest];
                    new Random(cut).nextBytes(junk);
                    write(cut, junk, 0, rest);
                }
            }
        }

        private void grow(int end) {
            if (end > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(end, bytes.length * 2));
            }
            if (end > length) {
                Arrays.fill(bytes, length, Math.min(end, bytes.length), (byte) 0); // a hole reads as zeros
            }
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
