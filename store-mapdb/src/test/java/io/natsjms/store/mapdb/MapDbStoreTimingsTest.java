package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.store.ChannelStore;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.StoreTimings.Kind;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commit and fsync durations the store reports to the server's metrics. */
class MapDbStoreTimingsTest {

    @TempDir
    Path dir;

    private record Timing(Kind kind, long nanos) {
    }

    private final List<Timing> timings = new CopyOnWriteArrayList<>();

    private MapDbStore open(FsyncPolicy policy) {
        MapDbStore store = MapDbStore.open(new MapDbStoreConfig(dir, StoreLimits.unlimited(), policy, 1000, 8192,
                1L << 30, 3_600_000));
        store.reportTimings((kind, nanos) -> timings.add(new Timing(kind, nanos)));
        return store;
    }

    @Test
    void aCommitThatWritesReportsItsDurationAndItsFsync() {
        try (MapDbStore store = open(FsyncPolicy.ALWAYS)) {
            ChannelStore channel = store.createChannel("timed");
            channel.messages().append(MapDbDiskFullTest.msg("one"));
            store.commit();
            assertThat(timings).extracting(Timing::kind).containsExactly(Kind.FSYNC, Kind.COMMIT);
            assertThat(timings).allSatisfy(t -> assertThat(t.nanos()).isPositive());
            assertThat(timings.get(1).nanos()).as("the commit includes its fsync")
                    .isGreaterThanOrEqualTo(timings.get(0).nanos());
        }
    }

    @Test
    void aCommitWithNothingToWriteReportsNothing() {
        try (MapDbStore store = open(FsyncPolicy.ALWAYS)) {
            store.commit();
            assertThat(timings).isEmpty();
        }
    }

    @Test
    void withoutFsyncOnlyTheCommitIsReported() {
        try (MapDbStore store = open(FsyncPolicy.NEVER)) {
            store.createChannel("timed").messages().append(MapDbDiskFullTest.msg("one"));
            store.commit();
            assertThat(timings).extracting(Timing::kind).containsExactly(Kind.COMMIT);
        }
    }
}
