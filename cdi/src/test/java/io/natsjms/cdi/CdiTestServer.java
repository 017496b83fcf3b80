package io.natsjms.cdi;

import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An in-process natsjms server (embedded broker, memory store, cluster {@value #CLUSTER}, port 0) shared by
 * the tests of a class: register it in a static field with {@code @RegisterExtension}. Started on first
 * use, stopped after the class.
 */
final class CdiTestServer implements AfterAllCallback {

    /** The cluster ID of the server. */
    static final String CLUSTER = "c";

    private NatsjmsServer server;

    /** The NATS URL of the running server (started now if needed). */
    synchronized String url() {
        if (server == null) {
            try {
                server = NatsjmsServer.start(ServerConfig.builder().port(0).clusterId(CLUSTER).build());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "nats://127.0.0.1:" + server.natsPort();
    }

    /** Points the default ConnectionFactory bean at this server through {@code properties}. */
    void configure(NatsjmsProperties properties) {
        properties.set("natsjms.serverUrls", url()).set("natsjms.clusterId", CLUSTER);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
