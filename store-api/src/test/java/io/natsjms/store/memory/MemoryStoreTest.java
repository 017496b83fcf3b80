package io.natsjms.store.memory;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.contract.StoreCapabilities;
import io.natsjms.store.contract.StoreContractSuite;
import io.natsjms.store.contract.StoreFactory;
import java.nio.file.Path;

/** The memory store runs the whole store contract. */
class MemoryStoreTest extends StoreContractSuite {

    @Override
    protected StoreFactory createFactory(Path directory) {
        return StoreFactory.of(StoreCapabilities.VOLATILE,
                limits -> new MemoryStoreProvider().open(StoreConfig.inMemory(limits)));
    }
}
