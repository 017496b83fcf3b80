package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One channel's window on its own: what the model test does not see (memory, timestamps out of order). */
class GuidWindowTest {

    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long MILLI = 1_000_000L;

    @Test
    void anExpiredEntryIsNeverReportedEvenBehindAYoungerOne() {
        GuidWindow ids = new GuidWindow(GuidWindow::fingerprint);
        ids.add("late", T0 + 5_000 * MILLI);
        ids.add("early", T0);

        ids.dropExpired(T0 + 1);

        assertThat(ids.contains("early", T0 + 1)).isFalse();
        assertThat(ids.contains("late", T0 + 1)).isTrue();
    }

    @Test
    void itsMemoryFollowsTheWindowNotTheTraffic() {
        GuidWindow ids = new GuidWindow(GuidWindow::fingerprint);
        for (int i = 0; i < 200_000; i++) {
            long now = T0 + i * MILLI;
            ids.dropExpired(now - 100 * MILLI); // about 100 guids in the window
            ids.add("guid-" + i + "-ABCDEFGHIJKLMNOPQRSTUV", now);
        }
        assertThat(ids.size()).isBetween(100, 101);
        assertThat(ids.capacity()).isLessThanOrEqualTo(256);
        assertThat(ids.charCapacity()).isLessThanOrEqualTo(256 * 64);

        ids.dropExpired(T0 + 300_000 * MILLI);

        assertThat(ids.isEmpty()).isTrue();
        assertThat(ids.capacity()).isEqualTo(GuidWindow.MIN_ENTRIES);
        assertThat(ids.contains("guid-199999-ABCDEFGHIJKLMNOPQRSTUV", 0)).isFalse();
    }

    @Test
    void aGuidLongerThanTheRingOfCharactersFits() {
        GuidWindow ids = new GuidWindow(g -> 1);
        String huge = "x".repeat(10 * GuidWindow.MIN_CHARS + 3);
        ids.add("a", T0);
        ids.add(huge, T0);
        ids.add("b", T0);

        assertThat(ids.contains(huge, T0)).isTrue();
        assertThat(ids.contains(huge + "y", T0)).isFalse();
        assertThat(ids.contains("a", T0)).isTrue();
        assertThat(ids.contains("b", T0)).isTrue();
    }
}
