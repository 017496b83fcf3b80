package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.server.config.NatsClientTls;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreTimings;
import io.natsjms.store.spb.ServerInfo;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running NATS Streaming server: the store, the connection to NATS and the engine wired together.
 * Start one with {@link #start(ServerConfig, String)}; {@link #close()} stops it.
 */
public final class StreamingServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StreamingServer.class.getName());
    private static final Duration STAND_ALONE_PROBE = Duration.ofMillis(250);

    private final Store store;
    private final EngineLoop loop;
    private final Transport transport;
    private final Engine engine;
    private final Snapshots snapshots;
    /** Watches that the store is still this server's (a store shared by a fault-tolerance group). */
    private volatile OwnershipWatch ownership;

    private StreamingServer(Store store, EngineLoop loop, Transport transport, Engine engine) {
        this.store = store;
        this.loop = loop;
        this.transport = transport;
        this.engine = engine;
        this.snapshots = new Snapshots(engine, transport.uniqueToken(), Instant.now());
    }

    /**
     * Opens the store, recovers it, connects to the NATS server at {@code natsUrl} and starts
     * serving the cluster, after making sure no other server serves the same cluster ID there.
     *
     * @throws IOException if NATS can't be reached or another server serves the same cluster ID
     * @throws IllegalStateException if the store belongs to another cluster ID
     */
    public static StreamingServer start(ServerConfig config, String natsUrl) throws IOException {
        return start(config, natsUrl, true);
    }

    /**
     * As {@link #start(ServerConfig, String)}; {@code natsUrl} may list several URLs, separated by
     * commas, tried in that order.
     *
     * @param probeForOthers whether to ask first if another server already answers on the cluster's
     *                       discovery subject; pointless (and 250 ms slower) on an embedded broker
     *                       that no other process can reach yet
     */
    public static StreamingServer start(ServerConfig config, String natsUrl, boolean probeForOthers)
            throws IOException {
        return start(config, natsUrl, probeForOthers, StoreTimings.NONE);
    }

    /**
     * As {@link #start(ServerConfig, String, boolean)}, the store reporting the durations of its
     * commits and forces to disk to {@code timings} (for metrics).
     */
    public static StreamingServer start(ServerConfig config, String natsUrl, boolean probeForOthers,
                                        StoreTimings timings) throws IOException {
        return start(config, loop -> connect(config, natsUrl), "NATS " + natsUrl, probeForOthers, timings);
    }

    /**
     * As {@link #start(ServerConfig, String)}, over {@code broker}, an embedded broker of this process:
     * the engine reaches it in process (no socket, no protocol text), with the rights of its internal
     * user, and the broker's event loops hand the engine's input to its loop directly. No other server
     * is probed for: nobody else can serve the cluster through this broker yet.
     */
    public static StreamingServer start(ServerConfig config, NatsBroker broker, StoreTimings timings)
            throws IOException {
        return start(config, loop -> BrokerTransport.connect(broker, transportName(config), loop),
                "the embedded NATS broker, in process", false, timings);
    }

    /** How the engine's transport is opened: connected and ready to subscribe, for the engine on {@code loop}. */
    @FunctionalInterface
    private interface TransportOpening {
        Transport open(EngineLoop loop) throws IOException;
    }

    private static StreamingServer start(ServerConfig config, TransportOpening opening, String natsDescription,
                                         boolean probeForOthers, StoreTimings timings) throws IOException {
        Store store = openStore(config);
        store.reportTimings(timings);
        EngineLoop loop = null;
        Transport transport = null;
        try {
            Optional<RecoveredState> recovered = store.recover();
            Subjects subjects = subjects(config, recovered);
            loop = new EngineLoop("natsjms-engine-" + config.clusterId());
            transport = opening.open(loop);
            if (probeForOthers && !StoreOpening.faultTolerant(config)) {
                ensureStandAlone(transport, subjects, config.clusterId());
            }
            Engine engine = new Engine(config, subjects, loop, transport, store);
            StreamingServer server = new StreamingServer(store, loop, transport, engine);
            EngineWiring wiring = new EngineWiring(engine);
            if (recovered.isEmpty()) {
                store.initServerInfo(serverInfo(config.clusterId(), subjects));
            }
            // restoring takes as long as the store is large (the duplicate window reads back its messages)
            loop.callUntilDone(() -> {
                recovered.ifPresent(wiring.recovery()::restore);
                wiring.listen();
                wiring.recovery().resumeDelivery();
                return null;
            });
            transport.flush(Duration.ofSeconds(5));
            server.ownership = OwnershipWatch.start(store,
                    config.storeType() == io.natsjms.server.config.StoreType.JETSTREAM, server::lostOwnership);
            LOG.log(Level.INFO, () -> "Streaming server ready, cluster ID \"" + config.clusterId() + "\", store "
                    + store.name() + ", " + natsDescription);
            return server;
        } catch (IOException | RuntimeException e) {
            closeQuietly(transport, loop, store);
            throw e;
        }
    }

    private static Store openStore(ServerConfig config) {
        return StoreOpening.open(config);
    }

    private static Subjects subjects(ServerConfig config, Optional<RecoveredState> recovered) {
        if (recovered.isEmpty()) {
            return config.subjects();
        }
        ServerInfo info = recovered.get().serverInfo();
        if (!info.getClusterID().equals(config.clusterId())) {
            throw new IllegalStateException("cluster ID \"" + config.clusterId()
                    + "\" does not match recovered value of \"" + info.getClusterID() + "\"");
        }
        return new Subjects(info.getDiscovery(), info.getPublish(), info.getSubscribe(), info.getUnsubscribe(),
                info.getSubClose(), info.getClose(), info.getAcksSubs());
    }

    private static ServerInfo serverInfo(String clusterId, Subjects subjects) {
        return ServerInfo.newBuilder()
                .setClusterID(clusterId)
                .setDiscovery(subjects.discovery())
                .setPublish(subjects.publish())
                .setSubscribe(subjects.subscribe())
                .setUnsubscribe(subjects.unsubscribe())
                .setSubClose(subjects.subClose())
                .setClose(subjects.close())
                .setAcksSubs(subjects.acks())
                .build();
    }

    private static Transport connect(ServerConfig config, String natsUrl) throws IOException {
        try {
            NatsClientTls tls = config.security().natsTls();
            return JnatsTransport.connect(natsUrl, transportName(config), config.user(),
                    config.password(), config.token(), tls == null ? null : NatsTlsContext.create(tls));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to NATS at " + natsUrl, e);
        }
    }

    private static String transportName(ServerConfig config) {
        return "_NSS-" + config.clusterId() + "-general";
    }

    /** Refuses to start when another server already answers on the cluster's discovery subject. */
    private static void ensureStandAlone(Transport transport, Subjects subjects, String clusterId)
            throws IOException {
        ConnectRequest probe = ConnectRequest.newBuilder()
                .setClientID(clusterId)
                .setHeartbeatInbox("_INBOX." + transport.uniqueToken())
                .build();
        byte[] reply;
        try {
            reply = transport.request(subjects.discovery(), probe.toByteArray(), STAND_ALONE_PROBE)
                    .get(STAND_ALONE_PROBE.toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while probing for another server", e);
        }
        ConnectResponse response = Codec.decode(ConnectResponse.parser(), reply, "ConnectResponse",
                subjects.discovery());
        if (response.getError().isEmpty()) {
            transport.publish(response.getCloseRequests(),
                    CloseRequest.newBuilder().setClientID(clusterId).build().toByteArray());
        }
        throw new IOException("discovered another streaming server with cluster ID \"" + clusterId + "\"");
    }

    /** What the server holds now (taken on the engine loop, so it is consistent). */
    public ServerSnapshot snapshot() {
        return loop.call(snapshots::take);
    }

    /**
     * Why clients are not served now, or empty when they are: the engine stopped (a fatal error, or
     * closed), the connection to NATS is down, or the store can't write (its last commit failed; a
     * commit is then tried again in the background, so that a store that recovered is noticed
     * without traffic). Never waits for the engine.
     */
    public Optional<String> unavailable() {
        String stopped = loop.stoppedReason();
        if (stopped != null) {
            return Optional.of(stopped);
        }
        if (!transport.connected()) {
            return Optional.of("not connected to NATS (reconnecting)");
        }
        String storeFailure = engine.commits.failure();
        if (storeFailure != null) {
            loop.execute(engine.commits::retryIfFailed);
            return Optional.of("the store can't write: " + storeFailure);
        }
        return Optional.empty();
    }

    /** The cluster's subjects (the recovered ones after a restart). */
    public Subjects subjects() {
        return engine.subjects;
    }

    /**
     * Another server may have taken the store over: stop serving at once (no more PubAcks, no
     * deliveries) and report it as fatal, so that the process ends and its supervisor starts it again,
     * as a standby.
     */
    private void lostOwnership() {
        LOG.log(Level.ERROR, "the store is no longer this server's (another server of the group may be active); "
                + "stopping");
        transport.close();
        io.natsjms.server.FatalErrors.report(new IllegalStateException("lost the ownership of the "
                + store.name() + " store"));
    }

    @Override
    public void close() {
        OwnershipWatch watch = ownership;
        if (watch != null) {
            watch.close();
        }
        closeQuietly(transport, loop, store);
    }

    private static void closeQuietly(Transport transport, EngineLoop loop, Store store) {
        if (transport != null) {
            transport.close();
        }
        if (loop != null) {
            loop.close();
        }
        try {
            store.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing the store failed: " + e.getMessage(), e);
        }
    }
}
