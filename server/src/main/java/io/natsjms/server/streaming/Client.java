package io.natsjms.server.streaming;

import io.natsjms.store.spb.ClientInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/** A registered client and its heartbeat state. Owned by the engine loop. */
final class Client {

    /** What was registered (and persisted) for this client. */
    final ClientInfo info;
    /** Its subscriptions that are online, in creation order. */
    final List<Subscription> subscriptions = new ArrayList<>();
    /** Consecutive heartbeats without reply. */
    int failedHeartbeats;
    /** The next heartbeat, or {@code null} before the first one is scheduled or after close. */
    ScheduledFuture<?> heartbeatTimer;
    /** Set once the client is closed, so late heartbeat results are ignored. */
    boolean closed;

    Client(ClientInfo info) {
        this.info = info;
    }

    String id() {
        return info.getID();
    }

    boolean hasFailedHeartbeats() {
        return failedHeartbeats > 0;
    }
}
