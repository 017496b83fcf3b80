package io.natsjms.server.monitor;

import io.natsjms.server.streaming.ServerSnapshot;
import java.util.Optional;

/** What the monitoring endpoints watch: the server's state and whether it serves clients. */
public interface MonitoredServer {

    /**
     * What the server holds now.
     *
     * @throws IllegalStateException if there is nothing to show (the server is starting or stopped)
     */
    ServerSnapshot snapshot();

    /** Why clients are not served now, or empty when they are. Called often: must never wait. */
    Optional<String> unavailable();
}
