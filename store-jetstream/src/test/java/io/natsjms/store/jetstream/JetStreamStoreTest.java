package io.natsjms.store.jetstream;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.contract.StoreCapabilities;
import io.natsjms.store.contract.StoreContractSuite;
import io.natsjms.store.contract.StoreFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract, run against the JetStream store on a real single-node {@code nats-server -js}.
 * Each test's directory stands for one store: a prefix of its own in the same JetStream server.
 */
class JetStreamStoreTest extends StoreContractSuite {

    private static final Map<Path, String> PREFIXES = new ConcurrentHashMap<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Path serverDir;
    private static NatsServerNode server;

    @BeforeAll
    static void startNatsServer() throws IOException {
        serverDir = Files.createTempDirectory("natsjms-js-contract");
        server = NatsServerNode.standalone(serverDir);
    }

    @AfterAll
    static void stopNatsServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected StoreFactory createFactory(Path directory) {
        String prefix = PREFIXES.computeIfAbsent(directory, d -> "contract" + COUNTER.incrementAndGet());
        return StoreFactory.of(StoreCapabilities.PERSISTENT, limits -> new JetStreamStoreProvider().open(
                StoreConfig.at(directory, limits)
                        .withOption(JetStreamStoreConfig.URLS, server.url())
                        .withOption(JetStreamStoreConfig.PREFIX, prefix)))
                .withCrash(store -> ((JetStreamStore) store).halt());
    }
}
