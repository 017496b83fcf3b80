package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One channel's part of a shared map: its keys in order, and nothing of its neighbours. */
class ChannelSliceTest {

    @TempDir
    Path dir;

    @Test
    void aChannelSeesAndChangesOnlyItsOwnKeysInOrder() {
        try (StateDb state = StateDb.open(dir)) {
            ChannelSlice<Long> before = state.segmentSizes(6);
            ChannelSlice<Long> slice = state.segmentSizes(7);
            ChannelSlice<Long> after = state.segmentSizes(8);
            before.put(Long.MAX_VALUE, 1L);
            after.put(0L, 2L);
            assertThat(slice).isEmpty();
            assertThatThrownBy(slice::firstKey).isInstanceOf(NoSuchElementException.class);

            for (long key : List.of(40L, 0L, 9L, Long.MAX_VALUE, 300L)) {
                slice.put(key, key * 2);
            }
            assertThat(slice.keySet()).containsExactly(0L, 9L, 40L, 300L, Long.MAX_VALUE);
            assertThat(slice).hasSize(5).containsEntry(9L, 18L).doesNotContainKey(1L);
            assertThat(slice.get(1L)).isNull();
            assertThat(slice.firstKey()).isZero();

            slice.removeBelow(40);
            assertThat(slice.keySet()).containsExactly(40L, 300L, Long.MAX_VALUE);
            Iterator<Map.Entry<Long, Long>> it = slice.entrySet().iterator();
            it.next();
            it.remove();
            assertThat(slice.remove(Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE * 2);
            assertThat(slice).containsExactly(Map.entry(300L, 600L));

            slice.clear();
            assertThat(slice).isEmpty();
            assertThat(before).containsExactly(Map.entry(Long.MAX_VALUE, 1L));
            assertThat(after).containsExactly(Map.entry(0L, 2L));
        }
    }
}
