package io.natsjms.benchmarks.server;

import io.nats.client.Connection;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import java.time.Duration;

/**
 * The official STAN Java client ({@code io.nats:java-nats-streaming}) publishing asynchronously with
 * an ack handler, on its own NATS connection.
 */
public final class ClientStanPublisher implements Publisher {

    private final Connection nats;
    private final StreamingConnection stan;

    private ClientStanPublisher(Connection nats, StreamingConnection stan) {
        this.nats = nats;
        this.stan = stan;
    }

    /**
     * @param maxInFlight the client's own limit on unacknowledged publishes ({@code maxPubAcksInFlight})
     */
    public static ClientStanPublisher connect(String url, String clusterId, String clientId, int maxInFlight)
            throws Exception {
        Connection nats = NatsClient.connect(url);
        try {
            return new ClientStanPublisher(nats, connectStan(nats, clusterId, clientId, maxInFlight));
        } catch (Exception e) {
            nats.close();
            throw e;
        }
    }

    /** A STAN connection of the official client over {@code nats}, which the caller closes after it. */
    public static StreamingConnection connectStan(Connection nats, String clusterId, String clientId, int maxInFlight)
            throws Exception {
        return NatsStreaming.connect(clusterId, clientId, new Options.Builder()
                .natsConn(nats)
                .maxPubAcksInFlight(maxInFlight)
                .pubAckWait(Duration.ofSeconds(60))
                .connectWait(Duration.ofSeconds(10))
                .build());
    }

    @Override
    public void publish(String channel, byte[] data, AckWindow window) throws Exception {
        window.acquire();
        stan.publish(channel, data, (guid, error) -> window.acked(error == null ? null : error.toString()));
    }

    @Override
    public void close() throws Exception {
        try {
            stan.close();
        } finally {
            nats.close();
        }
    }
}
