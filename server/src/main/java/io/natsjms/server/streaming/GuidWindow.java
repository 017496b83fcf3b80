package io.natsjms.server.streaming;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.ToLongFunction;

/**
 * One channel's duplicate window ({@link PublishIds}): the guids added within the last window, held
 * in primitive arrays so that a publish costs no entry object, no boxing and no rehash of strings.
 *
 * <ul>
 *   <li>A FIFO ring of entries in the order they were added: each has the guid's 64-bit fingerprint,
 *       its timestamp, and where its characters are in a ring of chars ({@code chars}), so that a
 *       guid is kept once, as characters. Entries expire from the head.</li>
 *   <li>A hash table (open addressing, linear probing, at most half full) of ring positions, keyed
 *       by fingerprint. Each slot packs the fingerprint's high half with the position, so that a miss
 *       (a new guid, the usual case) reads the table alone. Equal fingerprints are only candidates: a
 *       hit is confirmed by the whole fingerprint and then by the guid's characters, so two different
 *       guids that share a fingerprint are never taken for one another.</li>
 * </ul>
 *
 * <p>A publish looks its guid up and then adds it: {@link #add} reuses the free slot where the lookup of
 * the same fingerprint ended, unless the table changed in between, so that a publish probes the table once.
 *
 * <p>A guid added twice has two entries; it is in the window while either is, which is while the
 * later one is. {@link #remove} drops every entry of a guid. Timestamps are expected in the order of
 * the adds (a channel's timestamps never go back); an entry is never reported once expired even if
 * they are not, it then only stays in memory longer. Not thread-safe: owned by the engine loop.
 */
final class GuidWindow {

    /** The smallest number of entries the ring holds. */
    static final int MIN_ENTRIES = 16;
    /** The smallest number of characters the ring of guids holds (a NUID has 22). */
    static final int MIN_CHARS = MIN_ENTRIES * 32;
    /** The mark of an empty table slot (no ring position is all ones). */
    private static final long FREE = -1;
    /** The part of a table slot that holds the ring position; the rest is the fingerprint's. */
    private static final long POSITION = 0xFFFF_FFFFL;
    /** The length of a removed entry (its table slot is gone; its characters wait for the head). */
    private static final int REMOVED = -1;

    private final ToLongFunction<String> fingerprints;

    /** Per ring position: fingerprint, timestamp (Unix ns), start in {@link #chars} (absolute), length. */
    private long[] fingerprint;
    private long[] time;
    private long[] charStart;
    private int[] length;
    /** Absolute index of the oldest entry and of the next one; the position is the index masked. */
    private long head;
    private long tail;
    private int ringMask;
    /** Entries not removed. */
    private int live;

    /** The guids' characters, a ring as well: absolute indexes from {@link #charHead} to {@link #charTail}. */
    private char[] chars;
    private long charHead;
    private long charTail;

    /**
     * Fingerprint's high half | ring position, by fingerprint; {@link #FREE} where empty. Twice as many
     * slots as ring entries.
     */
    private long[] table;
    private int tableMask;
    /** 64 minus the number of bits of a table slot. */
    private int tableShift;
    /** Counts the changes of {@link #table}, so that a remembered probe is known to be stale. */
    private long tableChanges;
    /**
     * The last miss of {@link #contains}: the fingerprint looked up, the free slot that ended its probe
     * (-1 when none is remembered) and {@link #tableChanges} at that time. While the table is unchanged,
     * that slot is where an insert of the fingerprint goes.
     */
    private long missedPrint;
    private int missedSlot = -1;
    private long missedAt;

    /** Seeds {@link #fingerprint} per process, so that nobody can choose guids that all share one. */
    private static final long SEED = new SecureRandom().nextLong();

    /**
     * The default fingerprint of a guid: FNV-1a over its characters from a random seed, then the
     * MurmurHash3 finalizer, so that every bit of the result depends on every character.
     */
    static long fingerprint(String guid) {
        long h = SEED;
        for (int i = 0; i < guid.length(); i++) {
            h = (h ^ guid.charAt(i)) * 0x100000001B3L;
        }
        h = (h ^ (h >>> 33)) * 0xFF51AFD7ED558CCDL;
        h = (h ^ (h >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return h ^ (h >>> 33);
    }

    GuidWindow(ToLongFunction<String> fingerprints) {
        this.fingerprints = fingerprints;
        allocate(MIN_ENTRIES, MIN_CHARS);
    }

    /** The guids in the window (removed ones not counted, expired ones until they are dropped). */
    int size() {
        return live;
    }

    boolean isEmpty() {
        return live == 0;
    }

    /** How many entries the ring holds before it grows. */
    int capacity() {
        return ringMask + 1;
    }

    /** How many characters of guids the ring of chars holds before it grows. */
    int charCapacity() {
        return chars.length;
    }

    /** Whether {@code guid} was added at or after {@code oldestNanos} and not removed since. */
    boolean contains(String guid, long oldestNanos) {
        return contains(guid, fingerprints.applyAsLong(guid), oldestNanos);
    }

    /** {@link #contains(String, long)} with the guid's fingerprint already known. */
    boolean contains(String guid, long print, long oldestNanos) {
        long high = print & ~POSITION;
        int slot = home(print);
        for (; table[slot] != FREE; slot = (slot + 1) & tableMask) {
            long entry = table[slot];
            if ((entry & ~POSITION) == high) {
                int pos = (int) (entry & POSITION);
                if (fingerprint[pos] == print && time[pos] >= oldestNanos && sameGuid(pos, guid)) {
                    return true;
                }
            }
        }
        missedPrint = print;
        missedSlot = slot;
        missedAt = tableChanges;
        return false;
    }

    /** Adds {@code guid} with the timestamp of its message. */
    void add(String guid, long timestampNanos) {
        add(guid, fingerprints.applyAsLong(guid), timestampNanos);
    }

    /** {@link #add(String, long)} with the guid's fingerprint already known. */
    void add(String guid, long print, long timestampNanos) {
        int needed = guid.length();
        if (tail - head > ringMask || charTail - charHead + needed > chars.length) {
            grow(needed);
        }
        int pos = (int) tail & ringMask;
        fingerprint[pos] = print;
        time[pos] = timestampNanos;
        charStart[pos] = charTail;
        length[pos] = needed;
        copyIn(guid);
        tail++;
        live++;
        insert(pos);
    }

    /** Drops every entry of {@code guid}. */
    void remove(String guid) {
        long print = fingerprints.applyAsLong(guid);
        int slot = home(print);
        while (table[slot] != FREE) {
            int pos = (int) (table[slot] & POSITION);
            if (fingerprint[pos] == print && sameGuid(pos, guid)) {
                deleteSlot(slot); // the next entry moved into this slot, if any: look at it again
                length[pos] = REMOVED;
                live--;
            } else {
                slot = (slot + 1) & tableMask;
            }
        }
    }

    /** Drops the entries at the head older than {@code oldestNanos}, and shrinks once mostly empty. */
    void dropExpired(long oldestNanos) {
        while (head != tail) {
            int pos = (int) head & ringMask;
            if (length[pos] != REMOVED) {
                if (time[pos] >= oldestNanos) {
                    break;
                }
                deleteSlot(slotOf(pos));
                live--;
            }
            head++;
            charHead = head == tail ? charTail : charStart[(int) head & ringMask];
        }
        if (ringMask + 1 > MIN_ENTRIES && 8L * (tail - head) < ringMask + 1) {
            shrink();
        }
    }

    /** Halves the arrays while they are mostly empty (they grow back at full, so this does not flap). */
    private void shrink() {
        long count = tail - head;
        int entries = ringMask + 1;
        while (entries > MIN_ENTRIES && 8 * count < entries) {
            entries /= 2;
        }
        long used = charTail - charHead;
        int charCapacity = chars.length;
        while (charCapacity > MIN_CHARS && 4 * used <= charCapacity) {
            charCapacity /= 2;
        }
        resize(entries, charCapacity);
    }

    /**
     * The table slot where the search for {@code print} starts: Fibonacci hashing of its high half,
     * which is all a table slot keeps of it.
     */
    private int home(long print) {
        return (int) (((print >>> 32) * 0x9E3779B97F4A7C15L) >>> tableShift);
    }

    private boolean sameGuid(int pos, String guid) {
        int n = length[pos];
        if (n != guid.length()) {
            return false;
        }
        int mask = chars.length - 1;
        long start = charStart[pos];
        for (int i = 0; i < n; i++) {
            if (chars[(int) (start + i) & mask] != guid.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void copyIn(String guid) {
        int n = guid.length();
        int at = (int) charTail & (chars.length - 1);
        int first = Math.min(n, chars.length - at);
        guid.getChars(0, first, chars, at);
        guid.getChars(first, n, chars, 0);
        charTail += n;
    }

    private void insert(int pos) {
        long print = fingerprint[pos];
        int slot;
        if (missedSlot >= 0 && missedAt == tableChanges && missedPrint == print) {
            slot = missedSlot; // the first free slot from home(print), found by the lookup just before
        } else {
            slot = home(print);
            while (table[slot] != FREE) {
                slot = (slot + 1) & tableMask;
            }
        }
        table[slot] = (print & ~POSITION) | pos;
        tableChanges++;
    }

    private int slotOf(int pos) {
        int slot = home(fingerprint[pos]);
        while ((table[slot] & POSITION) != pos) {
            slot = (slot + 1) & tableMask;
        }
        return slot;
    }

    /** Empties {@code slot}, moving back the entries after it that would no longer be found. */
    private void deleteSlot(int slot) {
        int gap = slot;
        for (int i = (gap + 1) & tableMask; table[i] != FREE; i = (i + 1) & tableMask) {
            int want = home(table[i]);
            // the entry at i may fill the gap if its home is not cyclically within (gap, i]
            if (((i - want) & tableMask) >= ((i - gap) & tableMask)) {
                table[gap] = table[i];
                gap = i;
            }
        }
        table[gap] = FREE;
        tableChanges++;
    }

    /** Makes room for one more entry of {@code needed} characters. */
    private void grow(int needed) {
        int entries = ringMask + 1;
        if (tail - head >= entries) {
            entries *= 2;
        }
        long charsNeeded = charTail - charHead + needed;
        int charCapacity = chars.length;
        while (charCapacity < charsNeeded) {
            if (charCapacity >= 1 << 30) {
                throw new IllegalStateException("duplicate window: " + charsNeeded
                        + " characters of guids (expected: at most " + charCapacity + ")");
            }
            charCapacity *= 2;
        }
        resize(entries, charCapacity);
    }

    /**
     * Copies the entries into arrays of these sizes (powers of two), the oldest first, and rehashes them.
     * The characters move in one piece, those of removed entries too (they go once the head passes).
     */
    private void resize(int entries, int charCapacity) {
        long[] oldPrint = fingerprint;
        long[] oldTime = time;
        long[] oldStart = charStart;
        int[] oldLength = length;
        char[] oldChars = chars;
        long oldHead = head;
        long oldTail = tail;
        int oldMask = ringMask;
        long oldCharHead = charHead;
        int used = (int) (charTail - charHead);
        allocate(entries, charCapacity);
        int from = (int) oldCharHead & (oldChars.length - 1);
        int first = Math.min(used, oldChars.length - from);
        System.arraycopy(oldChars, from, chars, 0, first);
        System.arraycopy(oldChars, 0, chars, first, used - first);
        charTail = used;
        for (long i = oldHead; i != oldTail; i++) {
            int at = (int) i & oldMask;
            if (oldLength[at] == REMOVED) {
                continue;
            }
            int pos = (int) tail & ringMask;
            fingerprint[pos] = oldPrint[at];
            time[pos] = oldTime[at];
            charStart[pos] = oldStart[at] - oldCharHead;
            length[pos] = oldLength[at];
            tail++;
            insert(pos);
        }
        live = (int) tail;
        charHead = tail == 0 ? charTail : charStart[0];
    }

    private void allocate(int entries, int charCapacity) {
        fingerprint = new long[entries];
        time = new long[entries];
        charStart = new long[entries];
        length = new int[entries];
        ringMask = entries - 1;
        head = 0;
        tail = 0;
        live = 0;
        chars = new char[charCapacity];
        charHead = 0;
        charTail = 0;
        table = new long[2 * entries];
        Arrays.fill(table, FREE);
        tableChanges++;
        tableMask = table.length - 1;
        tableShift = Long.numberOfLeadingZeros(tableMask);
    }
}
