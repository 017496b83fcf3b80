package io.natsjms.store.mapdb;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.contract.StoreCapabilities;
import io.natsjms.store.contract.StoreContractSuite;
import io.natsjms.store.contract.StoreFactory;
import java.nio.file.Path;

/** The store contract, run against the MapDB store with its default (fsync always) options. */
class MapDbStoreTest extends StoreContractSuite {

    @Override
    protected StoreFactory createFactory(Path directory) {
        return StoreFactory.of(StoreCapabilities.PERSISTENT,
                limits -> new MapDbStoreProvider().open(StoreConfig.at(directory, limits)))
                .withCrash(store -> ((MapDbStore) store).halt());
    }
}
