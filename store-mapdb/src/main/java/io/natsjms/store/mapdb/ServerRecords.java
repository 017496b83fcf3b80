package io.natsjms.store.mapdb;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The store-wide records: the server info, the clients and the scheduled messages, in memory (they
 * are few and small; a scheduled message is kept whole until it is due). Changes are journaled by
 * the store; a checkpoint writes the changed ones to MapDB and forgets them only once MapDB
 * committed, so a failed checkpoint loses nothing. Guarded by the store lock.
 */
final class ServerRecords {

    private byte[] serverInfo;
    private boolean serverInfoChanged;
    private final Map<String, byte[]> clients = new LinkedHashMap<>();
    private final Set<String> changedClients = new HashSet<>();
    /** Scheduled messages by {@code channel + " " + guid} (a channel name has no space): serialized ScheduledMsg. */
    private final Map<String, byte[]> scheduled = new HashMap<>();
    private final Set<String> changedScheduled = new HashSet<>();

    /** Loads what {@code state} holds (at open). */
    ServerRecords(StateDb state) {
        serverInfo = state.meta.get(StateDb.SERVER_INFO);
        clients.putAll(state.clients);
    }

    /**
     * Loads the checkpointed scheduled messages, handing each whose checksum fails to {@code damaged}
     * (key and raw value) instead.
     */
    void loadScheduled(StateDb state, java.util.function.BiConsumer<String, byte[]> damaged) {
        for (Map.Entry<String, byte[]> e : state.scheduled.entrySet()) {
            if (ValueChecksum.valid(e.getValue())) {
                scheduled.put(e.getKey(), java.util.Arrays.copyOf(e.getValue(), e.getValue().length - 4));
            } else {
                damaged.accept(e.getKey(), e.getValue());
                changedScheduled.add(e.getKey());
            }
        }
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

    Map<String, byte[]> scheduled() {
        return scheduled;
    }

    void putScheduled(String key, byte[] msg) {
        scheduled.put(key, msg);
        changedScheduled.add(key);
    }

    boolean removeScheduled(String key) {
        changedScheduled.add(key);
        return scheduled.remove(key) != null;
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
        for (String key : changedScheduled) {
            byte[] msg = scheduled.get(key);
            if (msg == null) {
                state.scheduled.remove(key);
            } else {
                state.scheduled.put(key, ValueChecksum.append(msg));
            }
        }
    }

    /** MapDB committed the last {@link #checkpoint}. */
    void checkpointDone() {
        serverInfoChanged = false;
        changedClients.clear();
        changedScheduled.clear();
    }
}
