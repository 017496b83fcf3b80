package io.natsjms.server.chaos;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client ID of the run and its current connection of the official client, over a NATS connection
 * that reconnects for ever (so that it rides out server restarts). A connection can be closed properly
 * or dropped, as a crashed process would leave it; the next connect with the same ID then replaces it.
 */
final class ChaosClient {

    static final Duration PUB_ACK_WAIT = Duration.ofSeconds(5);
    private static final int CONNECT_ATTEMPTS = 3;

    final String id;
    private final Model model;
    private Connection nats;
    private StreamingConnection streaming;
    private volatile int generation;
    private volatile boolean dead;
    final List<Member> members = new ArrayList<>();
    /**
     * Async publishes of the current connection still waiting for their PubAck (or its timeout). A connection
     * that is dropped forgets its own (the client library then never calls back), so each has its counter.
     */
    private AtomicInteger pendingPubAcks = new AtomicInteger();

    ChaosClient(String id, Model model) {
        this.id = id;
        this.model = model;
    }

    boolean connected() {
        return streaming != null;
    }

    /**
     * Whether the last connection was dropped and no connect has replaced it yet: the server may still list the
     * client and its subscriptions, which it sends to but nobody reads.
     */
    boolean dead() {
        return dead;
    }

    StreamingConnection streaming() {
        return streaming;
    }

    AtomicInteger pendingPubAcks() {
        return pendingPubAcks;
    }

    List<Member> liveMembers() {
        synchronized (model) {
            return members.stream().filter(Member::live).toList();
        }
    }

    /**
     * Connects with this client ID. The official client gives up after its connect wait, and a server may
     * drop a connect it got too early, so a failed attempt is made again on a new NATS connection.
     */
    void connect(String natsUrl) throws IOException, InterruptedException {
        Exception last = null;
        for (int attempt = 1; attempt <= CONNECT_ATTEMPTS; attempt++) {
            Connection nc = Nats.connect(new io.nats.client.Options.Builder().server(natsUrl).maxReconnects(-1)
                    .reconnectWait(Duration.ofMillis(50)).connectionTimeout(Duration.ofSeconds(2)).build());
            int connection = ++generation;
            try {
                streaming = NatsStreaming.connect(ChaosServer.CLUSTER, id, new Options.Builder().natsConn(nc)
                        .connectWait(Duration.ofSeconds(5)).pubAckWait(PUB_ACK_WAIT)
                        // a restart on a loaded machine may take a while: only an answer that the client is
                        // unknown (or a minute of silence) counts as the server dropping it
                        .pingInterval(Duration.ofSeconds(2)).maxPingsOut(30)
                        .connectionLostHandler((sc, e) -> lost(connection, e)).build());
                nats = nc;
                pendingPubAcks = new AtomicInteger();
                dead = false;
                return;
            } catch (IOException e) {
                last = e;
                nc.close();
            }
        }
        throw new IOException("client " + id + " could not connect in " + CONNECT_ATTEMPTS + " attempts", last);
    }

    private void lost(int connection, Exception cause) {
        if (connection == generation) {
            model.violations.add("the server dropped the connection of client " + id + ": " + cause);
        }
    }

    /** Closes the connection as a client should (a CloseRequest), and its NATS connection. */
    void close() throws Exception {
        generation++;
        try {
            streaming.close();
        } finally {
            nats.close();
            streaming = null;
            nats = null;
        }
    }

    /** Drops the connection without a CloseRequest, as a process that died would. */
    void drop() throws InterruptedException {
        generation++;
        dead = true;
        nats.close();
        streaming = null;
        nats = null;
    }

    @Override
    public String toString() {
        return id;
    }
}
