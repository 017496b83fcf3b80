package io.natsjms.server.broker;

import java.util.Arrays;

/**
 * Small direct-mapped cache from the raw bytes of a published subject to its {@link PublishedSubject},
 * so that a client publishing to the same few subjects creates no String per message. A slot holds the
 * latest subject that hashed to it; long subjects are not cached.
 *
 * <p>Not thread-safe: one per parser.
 */
final class SubjectCache {
    private static final int SLOTS = 16;
    /** Longer subjects are decoded on every use rather than cached. */
    private static final int MAX_CACHED_LENGTH = 256;

    private final byte[][] keys = new byte[SLOTS][];
    private final PublishedSubject[] values = new PublishedSubject[SLOTS];

    /** The subject in {@code source[from, to)}. */
    PublishedSubject get(byte[] source, int from, int to) {
        int length = to - from;
        if (length > MAX_CACHED_LENGTH) {
            return PublishedSubject.of(source, from, length);
        }
        int hash = 0;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + source[i];
        }
        int slot = (hash ^ (hash >>> 16)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, source, from, to)) {
            return values[slot];
        }
        PublishedSubject subject = PublishedSubject.of(source, from, length);
        keys[slot] = Arrays.copyOfRange(source, from, to);
        values[slot] = subject;
        return subject;
    }
}
