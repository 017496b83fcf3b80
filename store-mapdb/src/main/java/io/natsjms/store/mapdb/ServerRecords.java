package io.natsjms.store.mapdb;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The store-wide records: the server info, the clients, the scheduled messages and the prepared
 * transaction branches, in memory (they are few and small; a scheduled message is kept whole until it
 * is due, a prepared branch until it is committed or rolled back). Changes are journaled by
 * the store; a checkpoint writes the changed ones to MapDB and forgets them only once MapDB
 * committed, so a failed checkpoint loses nothing. Guarded by the store lock.
 */
final class ServerRecords {

    private byte[] serverInfo;
    private boolean serverInfoChanged;
    private final Map<String, byte[]> clients = new LinkedHashMap<>();
    private final Set<String> changedClients = new HashSet<>();
    /** Scheduled messages by {@code channel + " " + guid} (a channel name has no space): serialized ScheduledMsg. */
    private final KeyedRecords scheduled = new KeyedRecords();
    /** Prepared branches by {@link BranchKey}: serialized PreparedTx. */
    private final KeyedRecords prepared = new KeyedRecords();

    /** Loads what {@code state} holds (at open). */
    ServerRecords(StateDb state) {
        serverInfo = state.meta.get(StateDb.SERVER_INFO);
        clients.putAll(state.clients);
    }

    byte[] serverInfo() {
        return serverInfo;
    }

    Map<String, byte[]> clients() {
        return clients;
    }

    void setServerInfo(byte[] info) {
        serverInfo = info;
        serverInfoChanged = true;
    }

    void putClient(String id, byte[] info) {
        clients.put(id, info);
        changedClients.add(id);
    }

    boolean removeClient(String id) {
        changedClients.add(id);
        return clients.remove(id) != null;
    }

    KeyedRecords scheduled() {
        return scheduled;
    }

    KeyedRecords prepared() {
        return prepared;
    }

    /** Writes the changes to MapDB (not committed there yet). */
    void checkpoint(StateDb state) {
        if (serverInfoChanged && serverInfo != null) {
            state.meta.put(StateDb.SERVER_INFO, serverInfo);
        }
        for (String id : changedClients) {
            byte[] info = clients.get(id);
            if (info == null) {
                state.clients.remove(id);
            } else {
                state.clients.put(id, info);
            }
        }
        scheduled.checkpoint(state.scheduled);
        prepared.checkpoint(state.prepared);
    }

    /** MapDB committed the last {@link #checkpoint}. */
    void checkpointDone() {
        serverInfoChanged = false;
        changedClients.clear();
        scheduled.checkpointDone();
        prepared.checkpointDone();
    }
}
