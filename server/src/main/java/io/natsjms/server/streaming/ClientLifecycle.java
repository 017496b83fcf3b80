package io.natsjms.server.streaming;

import io.natsjms.store.spb.ClientInfo;
import java.lang.System.Logger.Level;

/** Registers and closes clients, with their persistent record and heartbeats. Owned by the engine loop. */
final class ClientLifecycle {

    private static final System.Logger LOG = System.getLogger(ClientLifecycle.class.getName());

    private final Engine engine;
    private final Heartbeats heartbeats;
    private final SubscriptionRemoval removal;

    ClientLifecycle(Engine engine, SubscriptionRemoval removal) {
        this.engine = engine;
        this.heartbeats = new Heartbeats(engine, this::close);
        this.removal = removal;
    }

    /** The heartbeats of the registered clients (closing those that stop answering). */
    Heartbeats heartbeats() {
        return heartbeats;
    }

    /** Registers and persists a new client (committed before this returns) and starts its heartbeats. */
    Client register(ClientInfo info) {
        Client client = new Client(info);
        engine.store.addClient(info);
        engine.commits.commitNow();
        engine.clients.register(client);
        heartbeats.start(client);
        LOG.log(Level.DEBUG, () -> "[Client:" + info.getID() + "] Connected");
        return client;
    }

    /** Registers a client recovered from the store (already persisted). */
    Client recover(ClientInfo info) {
        Client client = new Client(info);
        engine.clients.register(client);
        heartbeats.start(client);
        return client;
    }

    /**
     * Closes a client as a CloseRequest does: its non-durable subscriptions are removed, its durables
     * go offline, it is forgotten and its record deleted.
     */
    void close(Client client) {
        client.closed = true;
        heartbeats.cancel(client);
        removal.removeAllOf(client);
        engine.clients.unregister(client);
        engine.store.deleteClient(client.id());
        engine.commits.commitNow();
        LOG.log(Level.DEBUG, () -> "[Client:" + client.id() + "] Closed");
    }
}
