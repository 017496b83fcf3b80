package io.natsjms.store.mapdb;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.contract.StoreCapabilities;
import io.natsjms.store.contract.StoreContractSuite;
import io.natsjms.store.contract.StoreFactory;
import java.nio.file.Path;

/** The store contract with {@code fsync=never} and tiny segments and checkpoints (rotation paths). */
class MapDbStoreFsyncNeverTest extends StoreContractSuite {

    @Override
    protected StoreFactory createFactory(Path directory) {
        return StoreFactory.of(StoreCapabilities.PERSISTENT,
                limits -> new MapDbStoreProvider().open(StoreConfig.at(directory, limits)
                        .withOption(MapDbStoreConfig.FSYNC, "never")
                        .withOption(MapDbStoreConfig.SEGMENT_BYTES, "4096")
                        .withOption(MapDbStoreConfig.CHECKPOINT_BYTES, "8192")))
                .withCrash(store -> ((MapDbStore) store).halt());
    }
}
