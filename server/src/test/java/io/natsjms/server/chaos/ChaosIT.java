package io.natsjms.server.chaos;

import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsServerProcess;
import io.natsjms.server.broker.TestBrokers;
import io.natsjms.store.jetstream.NatsServerNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The randomized fault suite: seeded runs of {@link ChaosRun} against the packaged server on the MapDB
 * store, over its embedded broker and over a {@code nats-server}. By default a few fixed seeds and one
 * fresh seed per run (printed); {@code -Dchaos.seed=N} runs only that seed (over the embedded broker, or
 * with {@code -Dchaos.broker=nats-server}), {@code -Dchaos.steps=N} and {@code -Dchaos.restarts=N} set the
 * length of every run (a soak). One fixed seed runs on the JetStream store of a
 * {@code nats-server -js} (each start after a kill waits for the killed server's lease, as a standby of a
 * fault-tolerance group does); {@code -Dchaos.store=jetstream} runs only such a run (with
 * {@code -Dchaos.seed}, that seed).
 */
class ChaosIT {

    private static final long[] EMBEDDED_SEEDS = {1L, 2L};
    private static final long[] NATS_SERVER_SEEDS = {5L};
    /** Seeds run on the JetStream store of a nats-server -js (about 40 s each). */
    private static final long[] JETSTREAM_SEEDS = {9L};
    private static final int STEPS = 270;
    private static final int RESTARTS = 6;

    @TempDir
    Path dir;

    record Case(long seed, boolean natsServer, boolean jetStream) {
        Case(long seed, boolean natsServer) {
            this(seed, natsServer, false);
        }

        @Override
        public String toString() {
            return "seed " + seed + (jetStream ? " on the JetStream store" : natsServer ? " over nats-server"
                    : " over the embedded broker");
        }
    }

    static Stream<Case> cases() {
        Long seed = Long.getLong("chaos.seed");
        if ("jetstream".equals(System.getProperty("chaos.store"))) {
            return Stream.of(new Case(seed != null ? seed : System.nanoTime() ^ System.currentTimeMillis(), true, true));
        }
        if (seed != null) {
            return Stream.of(new Case(seed, "nats-server".equals(System.getProperty("chaos.broker"))));
        }
        List<Case> cases = new ArrayList<>();
        for (long s : EMBEDDED_SEEDS) {
            cases.add(new Case(s, false));
        }
        for (long s : NATS_SERVER_SEEDS) {
            cases.add(new Case(s, true));
        }
        for (long s : JETSTREAM_SEEDS) {
            cases.add(new Case(s, true, true));
        }
        long fresh = System.nanoTime() ^ System.currentTimeMillis();
        cases.add(new Case(fresh, (fresh & 1) == 0));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theServerKeepsEveryPromiseUnderRandomOperationsAndRestarts(Case run) throws Exception {
        int steps = Integer.getInteger("chaos.steps", STEPS);
        int restarts = Integer.getInteger("chaos.restarts", RESTARTS);
        System.out.println("ChaosIT: " + run + ", " + steps + " steps, " + restarts + " restarts (replay: -Dchaos.seed="
                + run.seed() + (run.jetStream() ? " -Dchaos.store=jetstream"
                        : run.natsServer() ? " -Dchaos.broker=nats-server" : "") + ")");
        Path data = Files.createDirectory(dir.resolve("data"));
        // the servers' logs outlive the run, for a failure to be looked into
        Path logs = Files.createDirectories(Path.of("target", "chaos-logs", "seed-" + run.seed()
                + (run.jetStream() ? "-jetstream" : run.natsServer() ? "-nats-server" : "-embedded")));
        if (run.jetStream()) {
            runOnJetStream(run, steps, restarts, data, logs);
            return;
        }
        NatsServerProcess nats = null;
        if (run.natsServer()) {
            Assumptions.assumeTrue(TestBrokers.findNatsServer().isPresent()
                    || Boolean.getBoolean("natsjms.requireNatsServer"), "nats-server is not on the PATH");
            nats = NatsServerProcess.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
        }
        try {
            ChaosRun.Settings settings = new ChaosRun.Settings(run.seed(), steps, restarts,
                    Optional.ofNullable(nats).map(NatsServerProcess::url));
            System.out.println("ChaosIT: " + new ChaosRun(settings).run(data, logs));
        } finally {
            if (nats != null) {
                nats.close();
            }
        }
    }

    /** The same run on the JetStream store of a nats-server -js, where each restart after a kill is a lease takeover. */
    private void runOnJetStream(Case run, int steps, int restarts, Path data, Path logs) throws Exception {
        try (NatsServerNode nats = NatsServerNode.standalone(dir.resolve("nats"))) {
            ChaosRun.Settings settings = new ChaosRun.Settings(run.seed(), steps, restarts, Optional.of(nats.url()),
                    true);
            System.out.println("ChaosIT: " + new ChaosRun(settings).run(data, logs));
        }
    }
}
