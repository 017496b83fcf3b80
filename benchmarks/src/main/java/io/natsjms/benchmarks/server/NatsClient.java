package io.natsjms.benchmarks.server;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;

/** How every benchmark client connects to NATS: large outgoing queue and buffer, no reconnects. */
public final class NatsClient {

    private NatsClient() {
    }

    public static Connection connect(String url) throws IOException, InterruptedException {
        return Nats.connect(Options.builder()
                .server(url)
                .maxMessagesInOutgoingQueue(200_000)
                .bufferSize(256 * 1024)
                .noReconnect()
                .build());
    }
}
