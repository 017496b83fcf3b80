package io.natsjms.store.memory;

import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;

/** Provides the {@code memory} store; the directory and options of the configuration are ignored. */
public final class MemoryStoreProvider implements StoreProvider {

    @Override
    public String name() {
        return MemoryStore.NAME;
    }

    @Override
    public Store open(StoreConfig config) {
        return new MemoryStore(config.limits());
    }
}
