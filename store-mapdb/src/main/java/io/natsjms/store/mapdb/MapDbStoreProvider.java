package io.natsjms.store.mapdb;

import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;

/** Provides the {@code mapdb} store; options are described by {@link MapDbStoreConfig}. */
public final class MapDbStoreProvider implements StoreProvider {

    /** The name that selects this store. */
    public static final String NAME = "mapdb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store open(StoreConfig config) {
        return MapDbStore.open(MapDbStoreConfig.from(config));
    }
}
