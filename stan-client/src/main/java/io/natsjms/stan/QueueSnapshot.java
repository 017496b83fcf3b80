package io.natsjms.stan;

import java.util.Collections;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Where a queue group stood in its channel at one instant, as the server reported it (see
 * {@link QueueSnapshots}). The messages waiting in the group are those of
 * [{@link #firstSequence}, {@link #lastSequence}] that the group has not sent to a member yet (above
 * {@link #lastSent}) or has sent without getting an ack ({@link #pending}).
 *
 * @param firstSequence the channel's oldest message (0, or {@code lastSequence + 1}, when it holds none)
 * @param lastSequence  the channel's newest message, or 0 if the channel is unknown or never had one
 * @param lastSent      the highest sequence the group sent to a member; 0 if it never consumed
 * @param pending       the sequences sent to a member and not acknowledged; copied, unmodifiable
 */
public record QueueSnapshot(long firstSequence, long lastSequence, long lastSent, NavigableSet<Long> pending) {

    /** Checks the values and copies {@code pending}. */
    public QueueSnapshot {
        if (firstSequence < 0 || lastSequence < 0 || lastSent < 0) {
            throw new IllegalArgumentException("firstSequence " + firstSequence + ", lastSequence " + lastSequence
                    + ", lastSent " + lastSent + " (expected: all >= 0)");
        }
        pending = Collections.unmodifiableNavigableSet(new TreeSet<>(pending));
    }

    /** Whether the message with {@code sequence} is held by the channel and still waits in the group. */
    public boolean isWaiting(long sequence) {
        return sequence >= Math.max(1, firstSequence) && sequence <= lastSequence
                && (sequence > lastSent || pending.contains(sequence));
    }

    /** The lowest waiting sequence, or empty when nothing waits. */
    public OptionalLong firstWaiting() {
        long low = Math.max(1, firstSequence);
        long candidate = Math.max(low, lastSent + 1);
        Long lowestPending = pending.ceiling(low);
        if (lowestPending != null) {
            candidate = Math.min(candidate, lowestPending);
        }
        return candidate <= lastSequence ? OptionalLong.of(candidate) : OptionalLong.empty();
    }
}
