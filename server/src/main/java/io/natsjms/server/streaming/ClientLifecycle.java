package io.natsjms.server.streaming;

import io.natsjms.server.config.ServerConfig;

import io.natsjms.store.Store;

import io.natsjms.store.spb.ClientInfo;
import java.lang.System.Logger.Level;

/** Registers and closes clients, with their persistent record and heartbeats. Owned by the engine loop. */
final class ClientLifecycle {

    private static final System.Logger LOG = System.getLogger(ClientLifecycle.class.getName());

    private final Store store;
    private final ClientRegistry clients;
    private final Commits commits;
    private final Heartbeats heartbeats;
    private final SubscriptionRemoval removal;
    private final StagedBranches staged;

    /**
     * Takes what its own work needs, and what the {@link Heartbeats} it owns need ({@code config},
     * {@code loop}, {@code transport}).
     */
    ClientLifecycle(ServerConfig config, EngineLoop loop, Transport transport, Store store, ClientRegistry clients,
                    Commits commits, SubscriptionRemoval removal, StagedBranches staged) {
        this.store = store;
        this.clients = clients;
        this.commits = commits;
        this.heartbeats = new Heartbeats(config, loop, transport, this::close);
        this.removal = removal;
        this.staged = staged;
    }

    /** The heartbeats of the registered clients (closing those that stop answering). */
    Heartbeats heartbeats() {
        return heartbeats;
    }

    /** Registers and persists a new client (committed before this returns) and starts its heartbeats. */
    Client register(ClientInfo info) {
        Client client = new Client(info);
        store.addClient(info);
        commits.commitNow();
        clients.register(client);
        heartbeats.start(client);
        LOG.log(Level.DEBUG, () -> "[Client:" + info.getID() + "] Connected");
        return client;
    }

    /** Registers a client recovered from the store (already persisted). */
    Client recover(ClientInfo info) {
        Client client = new Client(info);
        clients.register(client);
        heartbeats.start(client);
        return client;
    }

    /**
     * Closes a client as a CloseRequest does: its non-durable subscriptions are removed, its durables
     * go offline, the transaction branches it staged and did not prepare are dropped, it is forgotten
     * and its record deleted.
     */
    void close(Client client) {
        client.closed = true;
        heartbeats.cancel(client);
        removal.removeAllOf(client);
        staged.dropClient(client.id());
        clients.unregister(client);
        store.deleteClient(client.id());
        commits.commitNow();
        LOG.log(Level.DEBUG, () -> "[Client:" + client.id() + "] Closed");
    }
}
