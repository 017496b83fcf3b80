package io.natsjms.server;

import io.natsjms.server.monitor.MonitoredServer;
import io.natsjms.server.streaming.ServerSnapshot;
import io.natsjms.server.streaming.StreamingServer;
import java.util.Optional;

/**
 * Where a {@link NatsjmsServer} is in its life, as the monitoring endpoints see it: starting (the
 * store being opened and recovered, NATS connected), ready (clients are served; the streaming
 * server then says whether it still can), or stopping. Written by the thread that starts or stops
 * the server, read by the monitoring threads.
 */
final class ServerState implements MonitoredServer {

    /** Why clients are not served because of where the server is in its life; null once ready. */
    private volatile String phase = "starting";
    private volatile StreamingServer streaming;

    void phase(String why) {
        phase = why;
    }

    void running(StreamingServer server) {
        streaming = server;
    }

    void ready() {
        phase = null;
    }

    @Override
    public ServerSnapshot snapshot() {
        StreamingServer server = streaming;
        if (server == null) {
            throw new IllegalStateException("the streaming server is not running (" + phase + ")");
        }
        return server.snapshot();
    }

    @Override
    public Optional<String> unavailable() {
        String why = phase;
        if (why != null) {
            return Optional.of(why);
        }
        return streaming.unavailable();
    }
}
