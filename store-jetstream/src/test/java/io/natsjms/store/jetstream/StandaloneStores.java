package io.natsjms.store.jetstream;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A standalone nats-server with JetStream and the stores a test opens on it, all under one name
 * prefix and a long lease (so that only a test's own takeover ends one). Closing it closes every
 * store it opened, then the server.
 */
final class StandaloneStores implements AutoCloseable {

    private final NatsServerNode server;
    private final Path dir;
    private final String prefix;
    private final List<JetStreamStore> opened = new ArrayList<>();

    StandaloneStores(Path dir, String prefix) {
        this.server = NatsServerNode.standalone(dir);
        this.dir = dir;
        this.prefix = prefix;
    }

    /** The server's client URL. */
    String url() {
        return server.url();
    }

    /**
     * Opens a store; {@code waitForLease} makes it wait for the lease instead of failing while another
     * store holds it.
     */
    JetStreamStore open(boolean waitForLease) {
        StoreConfig config = StoreConfig.at(dir, StoreLimits.unlimited())
                .withOption(JetStreamStoreConfig.URLS, server.url())
                .withOption(JetStreamStoreConfig.PREFIX, prefix)
                .withOption(JetStreamStoreConfig.LEASE_MILLIS, "20000")
                .withOption(JetStreamStoreConfig.WAIT_FOR_LEASE, String.valueOf(waitForLease));
        JetStreamStore store = JetStreamStore.open(JetStreamStoreConfig.from(config), StoreLimits.unlimited());
        opened.add(store);
        return store;
    }

    @Override
    public void close() {
        opened.forEach(JetStreamStore::close);
        server.close();
    }
}
