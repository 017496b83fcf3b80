package io.natsjms.store.mapdb;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Read-ahead for sequential reads of segment files, one per reading thread: a subscriber draining a backlog
 * reads the records of a channel one after the other, and one read of {@value #WINDOW} bytes then serves the
 * next hundred 1 KB records from memory instead of one system call each. A read that does not continue a run
 * of its thread (the first of a run, a jump) reads only its record, as before; it costs nothing more.
 *
 * <p>A window is only good while the bytes it copied are the file's: each {@link SegmentLog} has a
 * {@linkplain SegmentLog#version() version}, unique in the JVM, that it changes whenever bytes it has written may
 * change or go (a cut back after a failed write, deleted segments, a close, recovery moving its end), and a window
 * serves only the version it was read at. A window never holds bytes past what the log had written to the file
 * when it was read (later ones may still be in the write buffer, or half written).
 *
 * <p>Memory: at most {@value #SLOTS} windows of {@value #WINDOW} bytes of direct memory (512 KB) per thread that
 * ever read ahead, allocated at its first read ahead and kept while the thread lives. Records bigger than a window
 * are read as before. Each thread uses only its own windows, so there is no lock and no contention.
 */
final class ReadAhead {

    /** The bytes one read ahead reads. */
    static final int WINDOW = 128 * 1024;
    /** Windows per thread: runs on this many channels (or places of one channel) at once each keep theirs. */
    static final int SLOTS = 4;
    /** How far past the end of the last record read the next one may start and still continue a run. */
    static final int GAP = 4 * 1024;

    private static final AtomicLong VERSIONS = new AtomicLong();
    private static final ThreadLocal<ReadAhead> THREADS = ThreadLocal.withInitial(ReadAhead::new);

    /** A thread's windows; only that thread ever uses them. */
    private record Owned(Thread owner, ReadAhead windows) {
    }

    /** The windows of the thread that called last, which skips the thread-local lookup (as {@link ReadScratch}). */
    private static volatile Owned last;

    private final ReadWindow[] windows = new ReadWindow[SLOTS];
    /** Counts this thread's uses of its windows, to replace the one used least recently. */
    private long clock;

    private ReadAhead() {
        for (int i = 0; i < SLOTS; i++) {
            windows[i] = new ReadWindow();
        }
    }

    /** A version no log had before (never 0). */
    static long newVersion() {
        return VERSIONS.incrementAndGet();
    }

    /** The calling thread's windows. */
    static ReadAhead ofThisThread() {
        Thread current = Thread.currentThread();
        Owned owned = last;
        if (owned != null && owned.owner() == current) {
            return owned.windows();
        }
        ReadAhead mine = THREADS.get();
        last = new Owned(current, mine);
        return mine;
    }

    /**
     * The record of {@code size} bytes at {@code segment}/{@code offset} of the log at {@code version}, as a view
     * of its own positioned at its header, when one of this thread's windows holds all of it; else null.
     */
    ByteBuffer held(long version, long segment, long offset, int size) {
        for (ReadWindow window : windows) {
            ByteBuffer record = window.take(version, segment, offset, size, clock + 1);
            if (record != null) {
                clock++;
                return record;
            }
        }
        return null;
    }

    /**
     * After {@link #held} found nothing: the window to read ahead into when this read continues a run of this
     * thread on the log, else null, and the read is remembered as the start of a possible run (in the window
     * used least recently).
     */
    ReadWindow forMiss(long version, long segment, long offset, int size) {
        ReadWindow oldest = windows[0];
        for (ReadWindow window : windows) {
            if (window.continues(version, segment, offset)) {
                return window;
            }
            if (window.lastUse() < oldest.lastUse()) {
                oldest = window;
            }
        }
        oldest.track(version, segment, offset + size, ++clock);
        return null;
    }

    /** The clock value for a window read ahead now. */
    long tick() {
        return ++clock;
    }
}
