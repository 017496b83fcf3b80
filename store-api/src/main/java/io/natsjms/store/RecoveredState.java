package io.natsjms.store;

import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.ServerInfo;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a persistent store brought back from an earlier run.
 *
 * @param serverInfo the server info last stored
 * @param clients    the registered clients
 * @param channels   the channels by name, with their subscriptions, pending sequences and redelivery
 *                   counts
 */
public record RecoveredState(ServerInfo serverInfo, List<ClientInfo> clients,
                             Map<String, RecoveredChannel> channels) {

    public RecoveredState {
        Objects.requireNonNull(serverInfo, "serverInfo");
        clients = List.copyOf(clients);
        channels = Map.copyOf(channels);
    }
}
