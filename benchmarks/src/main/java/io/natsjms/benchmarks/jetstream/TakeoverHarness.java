package io.natsjms.benchmarks.jetstream;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * Takeover time of a fault-tolerance group on the JetStream store: a 3-node loopback cluster, two
 * natsjms servers (child JVMs of this jar) in one group, an official STAN client publishing a probe
 * every 10 ms. Each round SIGKILLs the active server and measures the time until the first probe sent
 * after the kill is acknowledged, then starts a new standby.
 *
 * <p>Usage: {@code TakeoverHarness [--failovers 20] [--lease 500] [--replicas 3] [--dir /tmp]} (lease in ms)
 */
public final class TakeoverHarness {

    private static final String READY = "Streaming Server is ready";
    private static final String STANDING_BY = "standing by";

    private TakeoverHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, Map.of("--failovers", "20", "--lease", "500",
                "--replicas", "3", "--dir", System.getProperty("java.io.tmpdir")));
        int failovers = Integer.parseInt(options.get("--failovers"));
        Path scratch = Files.createTempDirectory(Path.of(options.get("--dir")), "natsjms-takeover");
        List<Long> takeovers = new ArrayList<>();
        try (LoopbackCluster cluster = LoopbackCluster.start(scratch.resolve("cluster"), 3)) {
            List<String> member = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", jarPath(), "io.natsjms.server.cli.Main", "-ns", cluster.urls(), "-cid", "bench",
                    "-st", "JETSTREAM", "--js_replicas", options.get("--replicas"),
                    "--js_lease", options.get("--lease") + "ms", "--ft_group", "bench");
            List<Member> members = new ArrayList<>();
            members.add(Member.start(member, READY));
            members.add(Member.start(member, STANDING_BY, READY));
            int unprovoked = 0;
            try (Connection nats = Nats.connect(new io.nats.client.Options.Builder()
                    .servers(cluster.urls().split(",")).maxReconnects(-1).build());
                 Probe probe = new Probe(NatsStreaming.connect("bench", "probe", new io.nats.streaming.Options.Builder()
                         .natsConn(nats).pubAckWait(Duration.ofSeconds(5)).maxPubAcksInFlight(100_000)
                         .connectWait(Duration.ofSeconds(10)).build()))) {
                probe.awaitAckAfter(System.nanoTime(), 30);
                for (int round = 1; round <= failovers; round++) {
                    unprovoked += replaceDead(members, member);
                    Member active = activeOf(members);
                    long killedAt = System.nanoTime();
                    active.kill();
                    members.remove(active);
                    long ackedAt = probe.awaitAckAfter(killedAt, 30);
                    long millis = TimeUnit.NANOSECONDS.toMillis(ackedAt - killedAt);
                    takeovers.add(millis);
                    System.err.printf(Locale.ROOT, "failover %d: %d ms%n", round, millis);
                    members.add(Member.start(member, STANDING_BY, READY));
                }
            } finally {
                for (Member m : members) {
                    m.kill();
                }
            }
            System.out.printf(Locale.ROOT, "members that stopped by themselves (lease lost under load): %d%n",
                    unprovoked);
        }
        long[] sorted = takeovers.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "TakeoverHarness: %d failovers, lease %s ms, R%s: SIGKILL of the active -> "
                        + "first acknowledged publish sent after it%nmedian %d ms, p99 %d ms, min %d ms, max %d ms%n"
                        + "all (ms): %s%n", sorted.length, options.get("--lease"), options.get("--replicas"),
                percentile(sorted, 50), percentile(sorted, 99), sorted[0], sorted[sorted.length - 1],
                Arrays.toString(sorted));
    }

    /** Replaces members that ended by themselves; returns how many there were. */
    private static int replaceDead(List<Member> members, List<String> command) throws Exception {
        int dead = 0;
        for (Member m : new ArrayList<>(members)) {
            if (!m.isAlive()) {
                members.remove(m);
                dead++;
            }
        }
        while (members.size() < 2) {
            members.add(Member.start(command, STANDING_BY, READY));
        }
        return dead;
    }

    /** The member that serves: alive and ready (waits for one). */
    private static Member activeOf(List<Member> members) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0) {
            for (Member m : members) {
                if (m.isAlive() && m.output().contains(READY)) {
                    return m;
                }
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no active member within 30 s");
    }

    /** Nearest-rank percentile of a sorted array. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    private static String jarPath() throws Exception {
        return Path.of(TakeoverHarness.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** A natsjms server child JVM whose output is collected. */
    private static final class Member {
        private final Process process;
        private final StringBuffer output = new StringBuffer();

        private Member(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        output.append(line).append('\n');
                    }
                } catch (java.io.IOException e) {
                    output.append(e);
                }
            }, "member-output");
            reader.setDaemon(true);
            reader.start();
        }

        /** Starts a member and waits until its output shows one of {@code awaited}. */
        static Member start(List<String> command, String... awaited) throws Exception {
            Member member = new Member(new ProcessBuilder(command).redirectErrorStream(true).start());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Arrays.stream(awaited).noneMatch(member.output()::contains)) {
                if (!member.process.isAlive() || System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("no " + Arrays.toString(awaited) + " from a member; its output:\n"
                            + member.output());
                }
                Thread.sleep(5);
            }
            return member;
        }

        String output() {
            return output.toString();
        }

        boolean isAlive() {
            return process.isAlive();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    /** Publishes a probe every 10 ms and records when each acknowledged probe was sent and acknowledged. */
    private static final class Probe implements AutoCloseable {
        private final StreamingConnection connection;
        private final Map<String, Long> sent = new ConcurrentHashMap<>();
        /** {sent, acknowledged} in System.nanoTime. */
        private final ConcurrentLinkedQueue<long[]> acked = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean running = true;

        Probe(StreamingConnection connection) {
            this.connection = connection;
            this.thread = new Thread(this::run, "takeover-probe");
            thread.start();
        }

        private void run() {
            byte[] payload = "probe".getBytes(StandardCharsets.UTF_8);
            while (running) {
                long now = System.nanoTime();
                try {
                    String guid = connection.publish("probe", payload, (id, error) -> {
                        Long at = sent.remove(id);
                        if (error == null && at != null) {
                            acked.add(new long[] {at, System.nanoTime()});
                        }
                    });
                    sent.putIfAbsent(guid, now);
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    // no server right now; the next probe
                }
            }
        }

        /** Waits for the first acknowledgement of a probe sent at or after {@code nanos}; returns its time. */
        long awaitAckAfter(long nanos, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() - deadline < 0) {
                long first = Long.MAX_VALUE;
                for (long[] ack : acked) {
                    if (ack[0] >= nanos && ack[1] < first) {
                        first = ack[1];
                    }
                }
                if (first != Long.MAX_VALUE) {
                    return first;
                }
                Thread.sleep(2);
            }
            throw new IllegalStateException("no probe acknowledged within " + seconds + " s");
        }

        @Override
        public void close() throws Exception {
            running = false;
            thread.join(5000);
            try {
                connection.close();
            } catch (RuntimeException e) {
                // the official client's close trips over asynchronous publishes it still waits for
            }
        }
    }
}
