package io.natsjms.stan;

import java.util.Arrays;

/**
 * The acks of one subscription waiting to go out together ({@link StanSubscription#ackLater}).
 * Thread-safe: acks are queued by whichever thread the application consumes on and taken by it or by
 * the connection's timer.
 */
final class AckQueue {

    private static final long[] NONE = new long[0];

    private long[] sequences = new long[16];
    private int count;

    /** Queues {@code sequence}; returns how many are queued now. */
    synchronized int add(long sequence) {
        if (count == sequences.length) {
            sequences = Arrays.copyOf(sequences, count * 2);
        }
        sequences[count++] = sequence;
        return count;
    }

    /** Removes and returns everything queued, oldest first (empty when nothing is). */
    synchronized long[] takeAll() {
        if (count == 0) {
            return NONE;
        }
        long[] taken = Arrays.copyOf(sequences, count);
        count = 0;
        return taken;
    }
}
