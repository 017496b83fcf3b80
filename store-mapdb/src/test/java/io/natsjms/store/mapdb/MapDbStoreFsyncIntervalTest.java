package io.natsjms.store.mapdb;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.contract.StoreCapabilities;
import io.natsjms.store.contract.StoreContractSuite;
import io.natsjms.store.contract.StoreFactory;
import java.nio.file.Path;

/** The store contract with {@code fsync=interval} (background sync every 5 ms). */
class MapDbStoreFsyncIntervalTest extends StoreContractSuite {

    @Override
    protected StoreFactory createFactory(Path directory) {
        return StoreFactory.of(StoreCapabilities.PERSISTENT,
                limits -> new MapDbStoreProvider().open(StoreConfig.at(directory, limits)
                        .withOption(MapDbStoreConfig.FSYNC, "interval")
                        .withOption(MapDbStoreConfig.FSYNC_INTERVAL_MS, "5")))
                .withCrash(store -> ((MapDbStore) store).halt());
    }
}
