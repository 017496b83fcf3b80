package io.natsjms.store.jetstream;

import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;

/**
 * Provides the {@code jetstream} store; its options are those of {@link JetStreamStoreConfig}, the
 * directory of the configuration is not used.
 */
public final class JetStreamStoreProvider implements StoreProvider {

    @Override
    public String name() {
        return JetStreamStore.NAME;
    }

    @Override
    public Store open(StoreConfig config) {
        return JetStreamStore.open(JetStreamStoreConfig.from(config), config.limits());
    }
}
