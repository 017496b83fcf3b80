package io.natsjms.store.mapdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A {@link StoreFiles} that acts out an OS crash or power loss: only what was forced survives, plus any part of
 * what was not. For every file opened through it, it keeps the file's {@link TrackedFile durable image} and the
 * writes and truncations made since. A file it created is "new in its directory" until a
 * {@link #forceDirectory} of that directory came after its creation, and so is a directory below the root until
 * its parent was forced.
 *
 * <p>{@link #cutPower(Random)} (or an operation counted down by {@link #cutPowerAt}) makes every later operation
 * of every channel fail with {@code IOException("power lost")} and decides what the disk holds: each tracked file
 * is its durable image plus a random choice of its unforced operations (dropped, whole or torn at a sector
 * boundary), each new file or directory is gone with probability 1/2, and the other files in the directory
 * ({@code state.db}: MapDB syncs its own commits) are as they were at the cut. {@link #writeDisk()} writes that
 * picture once the store has let go of its files (what a store still does after the cut, such as deleting files
 * while it closes, is so undone, as a machine without power does nothing).
 *
 * <p>A file the store deletes ({@code Files.delete}, outside this seam) stays deleted unless
 * {@link Disorder#UNDELETE} is asked for: then it may come back (with its durable image) if its directory was
 * not forced since. The real {@code force} calls are not made: the durable images are kept here, and the test runs
 * fast. Not modelled: MapDB's own files ({@code state.db}) are taken as they are at the cut, never torn.
 */
final class PowerLossFiles implements StoreFiles {

    static final String POWER_LOST = "power lost";

    private final Path root;
    private final Set<Disorder> disorders;
    private final Map<Path, TrackedFile> tracked = new HashMap<>();
    /** Paths whose directory entry was made durable (their parent was forced after they appeared). */
    private final Set<Path> durableEntries = new HashSet<>();
    private boolean down;
    private long countdown = -1;
    private Random countdownRandom;
    /** The disk as the power loss left it, by path; a {@code null} value is a directory. */
    private Map<Path, byte[]> picture;
    private final List<String> report = new ArrayList<>();

    /** What a random power cut may do beyond keeping a prefix of each file's unforced writes. */
    enum Disorder {
        /** Keep writes out of order, and leave zeros after a torn write (see {@link RandomWriteBack}). */
        UNORDERED,
        /** Leave random bytes after the cut of a torn write. */
        GARBAGE,
        /** Bring back, with probability 1/2, a file the store deleted while its directory was not forced since. */
        UNDELETE
    }

    /**
     * @param root      the data directory; whatever it already holds is durable
     * @param disorders what a random power cut may do besides the default (see {@link Disorder})
     */
    PowerLossFiles(Path root, Set<Disorder> disorders) {
        this.root = root.toAbsolutePath().normalize();
        this.disorders = Set.copyOf(disorders);
        if (Files.isDirectory(this.root)) {
            try (Stream<Path> all = Files.walk(this.root)) {
                all.forEach(durableEntries::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Cuts the power just before the {@code n}th operation (write, force, truncate, file creation, sync) from now. */
    synchronized void cutPowerAt(long n, Random random) {
        countdown = n;
        countdownRandom = random;
    }

    synchronized boolean down() {
        return down;
    }

    /** What the power loss did to each file, for a failure message. */
    synchronized List<String> report() {
        return List.copyOf(report);
    }

    /**
     * Cuts the power now: every later operation fails, and the disk's picture after the loss is decided at random
     * (see the class comment). Does nothing if the power is already off.
     */
    synchronized void cutPower(Random random) {
        RandomWriteBack writeBack = new RandomWriteBack(random, disorders.contains(Disorder.UNORDERED),
                disorders.contains(Disorder.GARBAGE));
        boolean undelete = disorders.contains(Disorder.UNDELETE);
        cutPower(writeBack, path -> random.nextBoolean(), path -> undelete && random.nextBoolean(), writeBack.way());
    }

    /**
     * Cuts the power now, {@code writeBack} deciding what becomes of each file's unforced operations, {@code lost}
     * whether a file or directory whose creation was not made durable is gone, and {@code undeleted} whether a
     * file the store deleted while its directory was not forced since comes back. Does nothing if the power is
     * already off.
     */
    synchronized void cutPower(TrackedFile.WriteBack writeBack, Predicate<Path> lost, Predicate<Path> undeleted,
                               String how) {
        if (down) {
            return;
        }
        down = true;
        int unforced = tracked.values().stream().mapToInt(TrackedFile::unforcedCount).sum();
        report.add("power cut with " + unforced + " unforced operations (" + how + ")");
        Map<Path, byte[]> disk = new LinkedHashMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted().toList()) {
                if (path.equals(root) || path.getFileName().toString().equals(DirectoryLock.FILE_NAME)) {
                    continue;
                }
                if (Files.isDirectory(path)) {
                    disk.put(path, null);
                } else if (tracked.containsKey(path)) {
                    TrackedFile file = tracked.get(path);
                    List<String> notes = new ArrayList<>();
                    byte[] bytes = file.afterPowerLoss(path, writeBack, notes);
                    report.add(root.relativize(path) + ": " + bytes.length + " bytes, " + notes);
                    disk.put(path, bytes);
                } else {
                    disk.put(path, Files.readAllBytes(path)); // state.db: durable as it is
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the picture of " + root + " at the power cut", e);
        }
        for (Map.Entry<Path, TrackedFile> deleted : tracked.entrySet()) {
            Path path = deleted.getKey();
            if (!Files.exists(path) && !isNewFile(path) && undeleted.test(path)) {
                List<String> notes = new ArrayList<>();
                byte[] bytes = deleted.getValue().afterPowerLoss(path, writeBack, notes);
                for (Path up = path.getParent(); !up.equals(root) && !Files.exists(up); up = up.getParent()) {
                    disk.put(up, null);
                }
                disk.put(path, bytes);
                report.add(root.relativize(path) + ": deleted by the store, back (its directory was not forced"
                        + " since): " + bytes.length + " bytes, " + notes);
            }
        }
        for (Path path : List.copyOf(disk.keySet())) {
            boolean isNew = disk.get(path) == null ? isNewDirectory(path) : isNewFile(path);
            if (isNew && disk.containsKey(path) && lost.test(path)) {
                disk.keySet().removeIf(p -> p.startsWith(path));
                report.add(root.relativize(path) + ": lost (created, its directory never forced since)");
            }
        }
        picture = disk;
    }

    private boolean isNewFile(Path path) {
        TrackedFile file = tracked.get(path);
        return file != null && file.created && !durableEntries.contains(path);
    }

    /** A directory on the way to a tracked file whose own entry was never made durable. */
    private boolean isNewDirectory(Path path) {
        return !durableEntries.contains(path) && tracked.keySet().stream().anyMatch(p -> p.startsWith(path));
    }

    /**
     * Writes the disk as the power loss left it (call it after the store was closed): the data directory holds
     * exactly the picture {@link #cutPower} took.
     */
    synchronized void writeDisk() throws IOException {
        if (picture == null) {
            throw new IllegalStateException("the power was not cut");
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(root) && !path.getFileName().toString().equals(DirectoryLock.FILE_NAME)) {
                    Files.delete(path);
                }
            }
        }
        for (Map.Entry<Path, byte[]> entry : picture.entrySet()) {
            if (entry.getValue() == null) {
                Files.createDirectories(entry.getKey());
            } else {
                Files.createDirectories(entry.getKey().getParent());
                Files.write(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Counts one operation; fails it if the power is off or goes off at it. */
    private void operation() throws IOException {
        if (!down && countdown > 0 && --countdown == 0) {
            cutPower(countdownRandom);
        }
        if (down) {
            throw new IOException(POWER_LOST);
        }
    }

    @Override
    public synchronized FileChannel open(Path file, OpenOption... options) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        boolean exists = Files.exists(path);
        boolean creates = !exists && Arrays.asList(options).contains(StandardOpenOption.CREATE);
        if (creates) {
            operation();
        } else if (down) {
            throw new IOException(POWER_LOST);
        }
        FileChannel real = FileChannel.open(path, options);
        if (creates) {
            tracked.put(path, new TrackedFile(true, new byte[0]));
            durableEntries.remove(path);
        } else if (exists && !tracked.containsKey(path)) {
            tracked.put(path, new TrackedFile(false, Files.readAllBytes(path)));
        }
        if (Arrays.asList(options).contains(StandardOpenOption.TRUNCATE_EXISTING) && tracked.containsKey(path)) {
            tracked.get(path).truncated(0);
        }
        return new Channel(real, path);
    }

    @Override
    public synchronized void forceDirectory(Path directory) throws IOException {
        operation();
        Path forced = directory.toAbsolutePath().normalize();
        try (Stream<Path> entries = Files.list(forced)) {
            entries.forEach(durableEntries::add);
        }
        // a file deleted from here (or with a deleted directory of here) stays deleted now
        tracked.keySet().removeIf(p -> p.startsWith(forced) && !p.equals(forced)
                && !Files.exists(forced.resolve(forced.relativize(p).getName(0))));
    }

    @Override
    public synchronized void stateCommit(boolean committed) throws IOException {
        operation(); // before: MapDB does not commit; after: it did, and the checkpoint fails after it
    }

    @Override
    public synchronized void copy(Path from, Path to, java.nio.file.CopyOption... options) throws IOException {
        operation();
        Files.copy(from, to, options);
    }

    /**
     * A real channel whose changes are recorded, and whose every operation but {@code close} fails once the power
     * is off (closing lets the process go of its files, as the end of a process would).
     */
    private final class Channel extends ForwardingFileChannel {
        private final Path path;

        Channel(FileChannel real, Path path) {
            super(real);
            this.path = path;
        }

        private TrackedFile file() {
            return tracked.get(path);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            synchronized (PowerLossFiles.this) {
                operation();
                ByteBuffer copy = src.duplicate();
                int n = real.write(src, position);
                byte[] bytes = new byte[n];
                copy.get(bytes);
                file().written(position, bytes);
                return n;
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            synchronized (PowerLossFiles.this) {
                operation();
                long position = real.position();
                ByteBuffer copy = src.duplicate();
                int n = real.write(src);
                byte[] bytes = new byte[n];
                copy.get(bytes);
                file().written(position, bytes);
                return n;
            }
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException("not used by the store");
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            synchronized (PowerLossFiles.this) {
                operation();
                real.truncate(size);
                file().truncated(size);
                return this;
            }
        }

        @Override
        public void force(boolean metaData) throws IOException {
            synchronized (PowerLossFiles.this) {
                operation();
                byte[] current = new byte[Math.toIntExact(real.size())];
                ByteBuffer into = ByteBuffer.wrap(current);
                while (into.hasRemaining() && real.read(into, into.position()) >= 0) {
                    // read the whole file: that is what is durable now
                }
                file().forced(current);
            }
        }

        private void alive() throws IOException {
            synchronized (PowerLossFiles.this) {
                if (down) {
                    throw new IOException(POWER_LOST);
                }
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            alive();
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            alive();
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            alive();
            return real.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            alive();
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            alive();
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            alive();
            return real.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) {
            throw new UnsupportedOperationException("not used by the store");
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) {
            throw new UnsupportedOperationException("not used by the store");
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) {
            throw new UnsupportedOperationException("not used by the store");
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException("not used by the store");
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) {
            throw new UnsupportedOperationException("not used by the store");
        }
    }
}
