package io.natsjms.server.streaming;

import io.natsjms.server.config.StoreType;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * For tests that open the MapDB store's directory themselves (to write what a crash or an older version leaves):
 * they run where the server stores in MapDB ({@code @StanConfig(persistent = true)}, or {@code -Dnatsjms.test.store=mapdb})
 * and are skipped, saying why, where it stores elsewhere (the {@code stan-on-jetstream} execution), so that
 * {@code -Dit.test=<that test>} passes on every Failsafe execution.
 */
final class MapDbDirectory {

    private MapDbDirectory() {
    }

    /** The server's MapDB directory; skips the test (a JUnit assumption) if it stores elsewhere. */
    static Path require(StanTestServer stan) {
        StoreType type = stan.config().storeType();
        Assumptions.assumeTrue(type == StoreType.MAPDB && stan.config().dataDir() != null, () -> "this test opens the"
                + " MapDB store's directory itself, but this run stores in " + type + " (-D"
                + StanServerExtension.STORE_PROPERTY + "=" + System.getProperty(StanServerExtension.STORE_PROPERTY)
                + ")");
        return stan.config().dataDir();
    }
}
