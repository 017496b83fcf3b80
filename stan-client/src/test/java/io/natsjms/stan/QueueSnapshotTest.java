package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class QueueSnapshotTest {

    private static QueueSnapshot snapshot(long first, long last, long lastSent, Long... pending) {
        return new QueueSnapshot(first, last, lastSent, new TreeSet<>(Set.of(pending)));
    }

    private static long[] waiting(QueueSnapshot snapshot) {
        return LongStream.rangeClosed(0, snapshot.lastSequence() + 2).filter(snapshot::isWaiting).toArray();
    }

    @Test
    void waitingAreTheUnsentAndThePendingMessagesTheChannelStillHolds() {
        QueueSnapshot snapshot = snapshot(1, 10, 7, 1L, 3L, 5L, 7L);

        assertThat(waiting(snapshot)).containsExactly(1, 3, 5, 7, 8, 9, 10);
        assertThat(snapshot.firstWaiting()).hasValue(1);
    }

    @Test
    void pendingMessagesTheChannelDroppedDoNotWait() {
        QueueSnapshot snapshot = snapshot(5, 10, 6, 2L, 6L);

        assertThat(waiting(snapshot)).containsExactly(6, 7, 8, 9, 10);
        assertThat(snapshot.firstWaiting()).hasValue(6);
    }

    @Test
    void aGroupThatNeverConsumedWaitsForTheWholeChannel() {
        QueueSnapshot snapshot = snapshot(4, 6, 0);

        assertThat(waiting(snapshot)).containsExactly(4, 5, 6);
        assertThat(snapshot.firstWaiting()).hasValue(4);
    }

    @Test
    void nothingWaitsInAnEmptyOrFullyConsumedChannel() {
        assertThat(snapshot(0, 0, 0).firstWaiting()).isEmpty();
        assertThat(waiting(snapshot(0, 0, 0))).isEmpty();
        assertThat(snapshot(4, 3, 3).firstWaiting()).as("all expired").isEmpty();
        assertThat(snapshot(1, 3, 3).firstWaiting()).as("all acknowledged").isEmpty();
    }

    @Test
    void theFirstWaitingIsTheLowestPendingOrTheFirstUnsent() {
        assertThat(snapshot(1, 9, 5).firstWaiting()).hasValue(6);
        assertThat(snapshot(1, 9, 5, 4L).firstWaiting()).hasValue(4);
    }

    @Test
    void pendingIsACopyThatCannotChange() {
        TreeSet<Long> pending = new TreeSet<>(Set.of(2L));
        QueueSnapshot snapshot = new QueueSnapshot(1, 3, 2, pending);
        pending.add(1L);

        assertThat(snapshot.pending()).containsExactly(2L);
        assertThatThrownBy(() -> snapshot.pending().add(3L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new QueueSnapshot(-1, 0, 0, new TreeSet<>()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstSequence -1");
    }
}
