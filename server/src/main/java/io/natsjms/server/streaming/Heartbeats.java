package io.natsjms.server.streaming;

import io.natsjms.server.config.ServerConfig;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;

/**
 * Server-to-client heartbeats: every heartbeat interval each client gets an empty request on its
 * heartbeat inbox; a client that misses more than the allowed number in a row is closed. Owned by
 * the engine loop.
 */
final class Heartbeats {

    private static final System.Logger LOG = System.getLogger(Heartbeats.class.getName());
    private static final byte[] EMPTY = new byte[0];

    private final ServerConfig config;
    private final EngineLoop loop;
    private final Transport transport;
    /** What happens to a client that missed too many heartbeats (it is closed). */
    private final Consumer<Client> onTimeout;

    Heartbeats(ServerConfig config, EngineLoop loop, Transport transport, Consumer<Client> onTimeout) {
        this.config = config;
        this.loop = loop;
        this.transport = transport;
        this.onTimeout = onTimeout;
    }

    /** Schedules the client's next heartbeat after {@code delayNanos}. */
    void schedule(Client client, long delayNanos) {
        cancel(client);
        client.heartbeatTimer = loop.schedule(() -> beat(client), delayNanos);
    }

    void start(Client client) {
        schedule(client, config.hbInterval().toNanos());
    }

    void cancel(Client client) {
        if (client.heartbeatTimer != null) {
            client.heartbeatTimer.cancel(false);
            client.heartbeatTimer = null;
        }
    }

    private void beat(Client client) {
        client.heartbeatTimer = null;
        if (client.closed) {
            return;
        }
        transport.request(client.info.getHbInbox(), EMPTY, config.hbTimeout())
                .whenComplete((reply, failure) -> loop.execute(() -> result(client, failure == null)));
    }

    private void result(Client client, boolean answered) {
        if (client.closed) {
            return;
        }
        if (answered) {
            client.failedHeartbeats = 0;
        } else {
            client.failedHeartbeats++;
            if (client.failedHeartbeats > config.hbFailCount()) {
                LOG.log(Level.INFO, () -> "[Client:" + client.id() + "] Timed out on heartbeats");
                onTimeout.accept(client);
                return;
            }
        }
        start(client);
    }
}
