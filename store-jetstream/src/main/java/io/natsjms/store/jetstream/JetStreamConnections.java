package io.natsjms.store.jetstream;

import io.natsjms.store.StoreException;
import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** Opens the store's connection to the JetStream cluster. */
final class JetStreamConnections {

    private static final System.Logger LOG = System.getLogger(JetStreamConnections.class.getName());

    private JetStreamConnections() {
    }

    /**
     * A connection to the cluster that reconnects for ever.
     *
     * @throws StoreException {@code UNAVAILABLE} naming the URLs when none can be reached
     */
    static Connection connect(JetStreamStoreConfig config) {
        Options.Builder options = new Options.Builder()
                .servers(config.urls().toArray(String[]::new))
                .connectionName("natsjms-store-" + config.prefix())
                .connectionTimeout(Duration.ofSeconds(2))
                .reconnectWait(Duration.ofMillis(100))
                .maxReconnects(-1)
                .errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        LOG.log(Level.WARNING, "JetStream connection: {0}", error);
                    }
                });
        if (config.token() != null) {
            options.token(config.token().toCharArray());
        } else if (config.user() != null) {
            options.userInfo(config.user(), config.password() == null ? "" : config.password());
        }
        try {
            return Nats.connect(options.build());
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, "cannot reach the JetStream cluster at "
                    + config.urls() + ": " + e.getMessage(), "store I/O error", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreException.Reason.IO, "interrupted while connecting to " + config.urls(), e);
        }
    }
}
