package io.natsjms.store.snapshot;

import io.natsjms.store.contract.StoreCapabilities;
import io.natsjms.store.contract.StoreContractSuite;
import io.natsjms.store.contract.StoreFactory;
import java.nio.file.Path;

/** Runs the whole contract, recovery included, against the test-only snapshot store. */
class SnapshotStoreTest extends StoreContractSuite {

    @Override
    protected StoreFactory createFactory(Path directory) {
        return StoreFactory.of(StoreCapabilities.PERSISTENT, limits -> new SnapshotStore(directory, limits))
                .withCrash(store -> ((SnapshotStore) store).crash());
    }
}
