package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The registered clients by ID and by connection ID. Owned by the engine loop. */
final class ClientRegistry {

    private final Map<String, Client> byId = new LinkedHashMap<>();
    private final Map<ByteString, Client> byConnId = new HashMap<>();
    /** IDs for which a duplicate check (probe of the old client) is running. */
    private final Set<String> checksInProgress = new HashSet<>();

    void register(Client client) {
        byId.put(client.id(), client);
        if (!client.info.getConnID().isEmpty()) {
            byConnId.put(client.info.getConnID(), client);
        }
    }

    void unregister(Client client) {
        byId.remove(client.id(), client);
        if (!client.info.getConnID().isEmpty()) {
            byConnId.remove(client.info.getConnID(), client);
        }
    }

    Client byId(String id) {
        return byId.get(id);
    }

    Client byConnId(ByteString connId) {
        return byConnId.get(connId);
    }

    Collection<Client> all() {
        return byId.values();
    }

    boolean startCheck(String id) {
        return checksInProgress.add(id);
    }

    void endCheck(String id) {
        checksInProgress.remove(id);
    }

    boolean checkInProgress(String id) {
        return checksInProgress.contains(id);
    }
}
