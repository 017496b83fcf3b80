package io.natsjms.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class LimitEnforcerTest {

    /** A log of (timestamp, size) entries with sequences from 1. */
    private static final class Log implements MessageLog {
        private final Deque<long[]> entries = new ArrayDeque<>();
        private long nextSequence = 1;
        private long bytes;

        Log add(long timestamp, long size) {
            entries.addLast(new long[] {nextSequence++, timestamp, size});
            bytes += size;
            return this;
        }

        @Override
        public long count() {
            return entries.size();
        }

        @Override
        public long bytes() {
            return bytes;
        }

        @Override
        public long oldestSequence() {
            return entries.getFirst()[0];
        }

        @Override
        public long oldestTimestamp() {
            return entries.getFirst()[1];
        }

        @Override
        public void removeOldest() {
            bytes -= entries.removeFirst()[2];
        }
    }

    @Test
    void sizeLimitsDropTheOldestButKeepTheNewest() {
        LimitEnforcer enforcer = new LimitEnforcer("orders", ChannelLimits.unlimited().withMaxMsgs(3).withMaxBytes(100));
        Log log = new Log().add(1, 10).add(2, 10).add(3, 10).add(4, 10);

        assertThat(enforcer.applySizeLimits(log)).isEqualTo(1);
        assertThat(log.oldestSequence()).isEqualTo(2);

        log.add(5, 500);
        assertThat(enforcer.applySizeLimits(log)).isEqualTo(3);
        assertThat(log.count()).isEqualTo(1);
        assertThat(log.oldestSequence()).isEqualTo(5);
    }

    @Test
    void unlimitedDropsNothing() {
        LimitEnforcer enforcer = new LimitEnforcer("orders", ChannelLimits.unlimited());
        Log log = new Log().add(1, 1_000_000).add(2, 1_000_000);

        assertThat(enforcer.applySizeLimits(log)).isZero();
        assertThat(enforcer.applyMaxAge(log, Long.MAX_VALUE)).isZero();
        assertThat(log.count()).isEqualTo(2);
    }

    @Test
    void maxAgeDropsMessagesAtLeastThatOld() {
        LimitEnforcer enforcer = new LimitEnforcer("orders", ChannelLimits.unlimited().withMaxAge(Duration.ofNanos(100)));
        Log log = new Log().add(1_000, 1).add(1_050, 1).add(1_200, 1);

        assertThat(enforcer.applyMaxAge(log, 1_099)).isZero();
        assertThat(enforcer.applyMaxAge(log, 1_100)).isEqualTo(1);
        assertThat(enforcer.applyMaxAge(log, 1_400)).isEqualTo(2);
        assertThat(log.count()).isZero();
    }

    @Test
    void hugeMaxAgeDoesNotOverflow() {
        LimitEnforcer enforcer = new LimitEnforcer("orders",
                ChannelLimits.unlimited().withMaxAge(Duration.ofSeconds(Long.MAX_VALUE / 10)));
        Log log = new Log().add(1, 1);

        assertThat(enforcer.applyMaxAge(log, Long.MAX_VALUE)).isZero();
    }

    @Test
    void subscriptionLimitNamesTheChannelAndTheLimit() {
        LimitEnforcer enforcer = new LimitEnforcer("orders", ChannelLimits.unlimited().withMaxSubscriptions(2));
        enforcer.checkNewSubscription(1);

        assertThatThrownBy(() -> enforcer.checkNewSubscription(2))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.TOO_MANY_SUBSCRIPTIONS))
                .hasMessage("too many subscriptions per channel: channel \"orders\" has 2 (max_subs: 2)");
    }

    @Test
    void negativeLimitsAreRejected() {
        assertThatThrownBy(() -> new LimitEnforcer("orders", ChannelLimits.unlimited().withMaxMsgs(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders")
                .hasMessageContaining("max_msgs: -1");
    }
}
