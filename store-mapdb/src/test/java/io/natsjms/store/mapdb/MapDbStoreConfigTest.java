package io.natsjms.store.mapdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.StoreProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MapDbStoreConfigTest {

    private final StoreConfig base = StoreConfig.at(Path.of("/data"), StoreLimits.defaults());

    @Test
    void defaultsAreFsyncAlwaysWithOneSecondInterval() {
        MapDbStoreConfig config = MapDbStoreConfig.from(base);
        assertThat(config.fsync()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(config.fsyncIntervalMillis()).isEqualTo(1000);
        assertThat(config.directory()).isEqualTo(Path.of("/data"));
        assertThat(config.segmentBytes()).isEqualTo(64L * 1024 * 1024);
    }

    @Test
    void optionsAreParsedCaseInsensitively() {
        MapDbStoreConfig config = MapDbStoreConfig.from(base.withOption("fsync", "Interval")
                .withOption("fsync.interval.ms", "250").withOption("segment.bytes", "1048576"));
        assertThat(config.fsync()).isEqualTo(FsyncPolicy.INTERVAL);
        assertThat(config.fsyncIntervalMillis()).isEqualTo(250);
        assertThat(config.segmentBytes()).isEqualTo(1_048_576);
        assertThat(MapDbStoreConfig.from(base.withOption("fsync", "never")).fsync()).isEqualTo(FsyncPolicy.NEVER);
    }

    @Test
    void badValuesNameTheOptionAndWhatIsExpected() {
        assertThatThrownBy(() -> MapDbStoreConfig.from(base.withOption("fsync", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fsync: \"sometimes\" (expected one of: always, interval, never)");
        assertThatThrownBy(() -> MapDbStoreConfig.from(base.withOption("fsync.interval.ms", "soon")))
                .hasMessage("fsync.interval.ms: \"soon\" (expected: a whole number)");
        assertThatThrownBy(() -> MapDbStoreConfig.from(base.withOption("fsync.interval.ms", "0")))
                .hasMessage("fsync.interval.ms: 0 (expected: >= 1)");
        assertThatThrownBy(() -> MapDbStoreConfig.from(base.withOption("segment.bytes", "99999999999")))
                .hasMessageStartingWith("segment.bytes: 99999999999 (expected: <= ");
    }

    @Test
    void unknownOptionsAndAMissingDirectoryAreRejected() {
        assertThatThrownBy(() -> MapDbStoreConfig.from(base.withOption("fsynk", "always")))
                .hasMessageStartingWith("mapdb option \"fsynk\" is unknown (expected one of: checkpoint.bytes");
        assertThatThrownBy(() -> MapDbStoreConfig.from(StoreConfig.inMemory(StoreLimits.defaults())))
                .hasMessageStartingWith("directory: null");
    }

    @Test
    void providerIsFoundByName() {
        assertThat(StoreProvider.named("MapDB")).isInstanceOf(MapDbStoreProvider.class);
        assertThat(StoreProvider.named("mapdb").name()).isEqualTo("mapdb");
    }
}
