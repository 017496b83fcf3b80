package io.natsjms.server.chaos;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * One seeded run: a random sequence of client operations (and of transaction branches, see
 * {@link TxSteps}) interleaved with SIGTERM, SIGKILL and restart of the server, each followed by the
 * {@link Checks}. The choice of every step depends only on the seed
 * and on earlier choices, so a seed replays the same steps (their timing may differ).
 */
final class ChaosRun {

    /** What to run. */
    record Settings(long seed, int steps, int restarts, Optional<String> externalNats, boolean jetStream) {

        /** On the MapDB store. */
        Settings(long seed, int steps, int restarts, Optional<String> externalNats) {
            this(seed, steps, restarts, externalNats, false);
        }

        String broker() {
            return jetStream ? "nats-server, JetStream store" : externalNats.isPresent() ? "nats-server" : "embedded broker";
        }
    }

    private static final List<String> CHANNELS = List.of("chaos.a", "chaos.b", "chaos.c");
    private static final List<String> CLIENT_IDS = List.of("c1", "c2", "c3");
    private static final int MAX_MEMBERS_PER_CLIENT = 4;
    private static final int TRACE = 40;
    /** One step in this many is a transaction step. */
    private static final int TX_STEP_ONE_IN = 8;

    private final Settings settings;
    private final Random random;
    private final Model model = new Model(CHANNELS);
    private final List<ChaosClient> clients = new ArrayList<>();
    private final Deque<String> trace = new ArrayDeque<>();
    /** How the server goes down: one of each in turn, in an order the seed shuffles. */
    private enum RestartKind { SIGTERM, SIGKILL, SIGTERM_WHILE_BUSY, SIGKILL_WHILE_BUSY }

    private final List<RestartKind> restartKinds = new ArrayList<>();
    private int sigterms;
    private int sigkills;
    private long stepNanos;
    private long restartNanos;
    private long checkNanos;

    ChaosRun(Settings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        CLIENT_IDS.forEach(id -> clients.add(new ChaosClient(id, model)));
    }

    /**
     * Runs every step and returns a summary.
     *
     * @throws AssertionError naming the seed, the broken expectations and the last steps
     */
    String run(Path dataDir, Path logDir) throws Exception {
        long started = System.nanoTime();
        Set<Integer> restartAt = new HashSet<>();
        while (restartAt.size() < Math.min(settings.restarts(), settings.steps() - 1)) {
            restartAt.add(1 + random.nextInt(settings.steps() - 1));
        }
        for (int i = 0; i < restartAt.size(); i++) {
            restartKinds.add(RestartKind.values()[i % RestartKind.values().length]);
        }
        Collections.shuffle(restartKinds, random);
        try (ChaosServer server = new ChaosServer(dataDir, logDir, settings.externalNats(), settings.jetStream())) {
            server.start();
            Checks checks = new Checks(model, new Monitor(server.monitorPort()));
            ClientSteps steps = new ClientSteps(model, checks, server.natsUrl());
            try (WireTap tap = new WireTap(server.natsUrl(), model, new HashSet<>(CHANNELS));
                 TxSteps tx = new TxSteps(server.natsUrl(), model)) {
                for (int step = 1; step <= settings.steps(); step++) {
                    long t0 = System.nanoTime();
                    model.violations.step("step " + step + " (running)");
                    boolean restart = restartAt.contains(step);
                    String description = restart ? restart(server, steps, checks, tx)
                            : random.nextInt(TX_STEP_ONE_IN) == 0 ? tx.step(random, pickChannel()) : clientStep(steps);
                    long t1 = System.nanoTime();
                    note(step, description);
                    if (!model.violations.any()) {
                        checks.afterStep();
                    }
                    failOnViolations(step, server);
                    if (restart) {
                        restartNanos += t1 - t0;
                    } else {
                        stepNanos += t1 - t0;
                    }
                    checkNanos += System.nanoTime() - t1;
                }
                note(settings.steps() + 1, "final audit");
                checks.audit(server.natsUrl());
                tx.checkRecover("at the end");
                String summary = String.format("seed %d over the %s: %d steps, %d SIGTERM + %d SIGKILL restarts, %d audits, "
                                + "%d publishes unconfirmed, %s; %.1f s (client steps %.1f s, restarts %.1f s, checks %.1f s)",
                        settings.seed(), settings.broker(), settings.steps(), sigterms, sigkills, checks.audits(),
                        steps.unconfirmed(), tap.summary(), (System.nanoTime() - started) / 1e9, stepNanos / 1e9,
                        restartNanos / 1e9, checkNanos / 1e9) + " [" + checks.timing() + "]; " + steps.coverage()
                        + ", " + tx.coverage();
                server.exitProblems().forEach(p -> model.violations.add("server exit: " + p));
                if (model.violations.any()) {
                    System.out.println("ChaosIT: " + summary);
                }
                failOnViolations(settings.steps() + 1, server);
                return summary;
            } finally {
                for (ChaosClient client : clients) {
                    if (client.connected()) {
                        client.drop();
                    }
                }
            }
        }
    }

    private void note(int step, String description) {
        String line = "step " + step + ": " + description;
        model.violations.step(line);
        trace.addLast(line);
        if (trace.size() > TRACE) {
            trace.removeFirst();
        }
    }

    private void failOnViolations(int step, ChaosServer server) {
        if (!model.violations.any()) {
            return;
        }
        StringBuilder report = new StringBuilder("chaos run failed at step " + step + " (seed " + settings.seed()
                + " over the " + settings.broker() + "; replay with -Dchaos.seed=" + settings.seed()
                + " -Dchaos.steps=" + settings.steps() + " -Dchaos.restarts=" + settings.restarts()
                + (settings.jetStream() ? " -Dchaos.store=jetstream"
                        : settings.externalNats().isPresent() ? " -Dchaos.broker=nats-server" : "") + ")\n");
        model.violations.all().forEach(v -> report.append("  VIOLATION ").append(v).append('\n'));
        report.append("last steps:\n");
        trace.forEach(t -> report.append("  ").append(t).append('\n'));
        report.append("server log ").append(server.log()).append(", its end:\n");
        String log = server.logText();
        log.lines().skip(Math.max(0, log.lines().count() - 30)).forEach(l -> report.append("  | ").append(l)
                .append('\n'));
        throw new AssertionError(report.toString());
    }

    private String restart(ChaosServer server, ClientSteps steps, Checks checks, TxSteps tx) throws Exception {
        RestartKind kind = restartKinds.remove(0);
        steps.restarting();
        String description = "";
        if (kind == RestartKind.SIGTERM_WHILE_BUSY || kind == RestartKind.SIGKILL_WHILE_BUSY) {
            description = busy(steps) + ", then ";
        }
        boolean killed = kind == RestartKind.SIGKILL || kind == RestartKind.SIGKILL_WHILE_BUSY;
        if (killed) {
            server.kill();
            sigkills++;
            description += "SIGKILL and restart";
        } else {
            server.terminate();
            sigterms++;
            description += "SIGTERM and restart";
        }
        model.restarted(killed);
        try {
            server.start();
        } catch (IllegalStateException e) {
            model.violations.add("the server does not come back: " + e.getMessage());
            return description;
        }
        checks.audit(server.natsUrl());
        tx.checkRecover("after the restart");
        return description;
    }

    /**
     * Leaves work in flight for the server going down: the acks of every holding member and a burst of async
     * publishes, none of them waited for.
     */
    private String busy(ClientSteps steps) throws Exception {
        int acks = 0;
        for (ChaosClient client : clients) {
            for (Member member : client.liveMembers()) {
                acks += member.ackHeld();
            }
        }
        ChaosClient client = pickClient();
        String channel = pickChannel();
        int count = 5 + random.nextInt(40);
        steps.ensureConnected(client);
        if (client.connected()) {
            steps.publishAsync(client, channel, count, false);
        }
        return acks + " acks and " + count + " async publishes of " + client + " to " + channel + " in flight";
    }

    private String clientStep(ClientSteps steps) throws Exception {
        ChaosClient client = pickClient();
        boolean wasConnected = client.connected();
        steps.ensureConnected(client);
        if (!client.connected()) {
            return client.id + " cannot connect";
        }
        String prefix = wasConnected ? client.id + ": " : client.id + " connects, then ";
        int op = random.nextInt(100);
        if (op < 20) {
            String channel = pickChannel();
            int count = 1 + random.nextInt(3);
            steps.publishSync(client, channel, count);
            return prefix + "publishes " + count + " to " + channel;
        }
        if (op < 34) {
            String channel = pickChannel();
            int count = 2 + random.nextInt(24);
            steps.publishAsync(client, channel, count, true);
            return prefix + "publishes " + count + " async to " + channel;
        }
        if (op < 52) {
            if (client.liveMembers().size() >= MAX_MEMBERS_PER_CLIENT) {
                return prefix + "subscribes no more (has " + MAX_MEMBERS_PER_CLIENT + ")";
            }
            ClientSteps.SubscribeRequest request = subscribeRequest(client);
            steps.subscribe(client, request);
            return prefix + "subscribes " + request;
        }
        if (op < 64) {
            List<Member> holding = client.liveMembers().stream().filter(m -> m.policy.hold()).toList();
            if (holding.isEmpty()) {
                return prefix + "has nothing to ack";
            }
            Member member = holding.get(random.nextInt(holding.size()));
            return prefix + "acks the " + member.ackHeld() + " messages held by " + member;
        }
        if (op < 82) {
            List<Member> live = client.liveMembers();
            if (live.isEmpty()) {
                return prefix + "has no subscription to end";
            }
            Member member = live.get(random.nextInt(live.size()));
            boolean unsubscribe = random.nextInt(10) < (member.lineage.kind == Lineage.Kind.PLAIN ? 5 : 3);
            steps.closeSubscription(member, unsubscribe);
            return prefix + (unsubscribe ? "unsubscribes " : "closes ") + member + " of " + member.lineage;
        }
        if (op < 90) {
            steps.closeConnection(client);
            return prefix + "closes its connection";
        }
        steps.drop(client);
        if (random.nextBoolean()) {
            return prefix + "drops its connection without closing it (it stays registered until replaced)";
        }
        steps.ensureConnected(client);
        return prefix + "drops its connection without closing it and connects again with its client ID";
    }

    /**
     * A random subscription; more often than chance would, it resumes one of the client's offline durables or
     * joins an existing group, where the server's bookkeeping is most involved.
     */
    private ClientSteps.SubscribeRequest subscribeRequest(ChaosClient client) {
        int pick = random.nextInt(20);
        Lineage.Kind kind = pick < 4 ? Lineage.Kind.PLAIN : pick < 12 ? Lineage.Kind.DURABLE
                : pick < 15 ? Lineage.Kind.QUEUE : Lineage.Kind.DURABLE_QUEUE;
        String channel = pickChannel();
        String durable = kind == Lineage.Kind.DURABLE || kind == Lineage.Kind.DURABLE_QUEUE
                ? "d" + (1 + random.nextInt(2)) : null;
        String queue = kind == Lineage.Kind.QUEUE || kind == Lineage.Kind.DURABLE_QUEUE ? "q" + (1 + random.nextInt(2))
                : null;
        // now and then a durable that is online: the server must refuse it as a duplicate
        boolean online = kind == Lineage.Kind.DURABLE && random.nextInt(10) == 0;
        List<Lineage> existing;
        synchronized (model) {
            existing = model.lineages().stream().filter(l -> l.kind == kind && (kind != Lineage.Kind.DURABLE
                    || l.owner.equals(client.id) && l.liveMembers().isEmpty() != online)).toList();
        }
        if (kind != Lineage.Kind.PLAIN && !existing.isEmpty() && random.nextInt(10) < 8) {
            Lineage lineage = existing.get(random.nextInt(existing.size()));
            channel = lineage.channel.name;
            durable = lineage.durableName;
            if (kind != Lineage.Kind.DURABLE) {
                queue = lineage.owner.substring(lineage.owner.indexOf(':') + 1);
            }
        }
        int policy = random.nextInt(4);
        AckPolicy ackPolicy = policy < 2 ? AckPolicy.ALL : policy == 2 ? AckPolicy.skipping(3 + random.nextInt(4))
                : AckPolicy.HOLD;
        int maxInFlight = ackPolicy.hold() ? 1 + random.nextInt(6) : 10_000;
        long lastSeq = model.channel(channel).sentCount();
        return new ClientSteps.SubscribeRequest(kind, channel, durable, queue, ModelStartPosition.random(random, lastSeq),
                ackPolicy, maxInFlight, 1 + random.nextInt(2));
    }

    private ChaosClient pickClient() {
        return clients.get(random.nextInt(clients.size()));
    }

    private String pickChannel() {
        return CHANNELS.get(random.nextInt(CHANNELS.size()));
    }
}
