package io.natsjms.benchmarks.xa;

import io.natsjms.benchmarks.CommandLine;
import io.natsjms.benchmarks.MachineLoad;
import io.natsjms.benchmarks.MarkdownTable;
import io.natsjms.benchmarks.RunOrder;
import io.natsjms.benchmarks.ScratchDirectory;
import io.natsjms.benchmarks.Summary;
import io.natsjms.jms.NatsXAConnectionFactory;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.config.StoreType;
import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.XAConnection;
import jakarta.jms.XASession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.HdrHistogram.Histogram;

/**
 * What an XA commit of one send costs next to a local transaction's commit, in one run: the natsjms server
 * in this JVM on the MapDB store (default options: fsync always), one client connection, and back-to-back
 * transactions of one PERSISTENT 1 KB TextMessage each — {@code local} (transacted session, send + commit),
 * {@code xa-2pc} (start, send, end, prepare, commit: two store commits), {@code xa-1pc} (start, send, end,
 * one-phase commit). The cases alternate within each repetition (rotated from one repetition to the next),
 * each on a channel of its own; after each run the harness checks the channel holds exactly one message per
 * counted commit. Prints a Markdown table: transactions/s and per-transaction latency (median [min–max] over
 * the repetitions), and the ratio to {@code local} taken per repetition.
 *
 * <p>Usage: {@code XaCommitHarness [--reps 3] [--seconds 5] [--dir /tmp]}.
 */
public final class XaCommitHarness {

    private static final String CLUSTER = "bench-xa";
    private static final List<XaCase> CASES = List.of(XaCase.LOCAL, XaCase.XA_TWO_PHASE, XaCase.XA_ONE_PHASE);
    private static final Logger QUIET = Logger.getLogger("io.natsjms");

    private XaCommitHarness() {
    }

    public static void main(String[] args) throws Exception {
        QUIET.setLevel(Level.WARNING);
        CommandLine options;
        try {
            options = CommandLine.parse(args, java.util.Set.of("reps", "seconds", "dir"));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: XaCommitHarness [--reps 3] [--seconds 5] [--dir /tmp]");
            System.exit(2);
            return;
        }
        int reps = options.intValue("reps", 3, 1);
        int seconds = options.intValue("seconds", 5, 1);
        Path dir = Path.of(options.string("dir", System.getProperty("java.io.tmpdir")));
        System.out.println(run(reps, seconds, dir));
    }

    private record Run(double perSecond, double p50Millis, double p99Millis) {
    }

    static String run(int reps, int seconds, Path dir) throws Exception {
        String before = MachineLoad.describe(dir);
        Map<XaCase, List<Run>> runs = new EnumMap<>(XaCase.class);
        try (ScratchDirectory scratch = ScratchDirectory.create(dir, "xa-commit");
             NatsjmsServer server = NatsjmsServer.start(ServerConfig.builder().clusterId(CLUSTER).host("127.0.0.1")
                     .port(0).storeType(StoreType.MAPDB).dataDir(scratch.path()).build())) {
            NatsXAConnectionFactory factory = new NatsXAConnectionFactory("nats://127.0.0.1:" + server.natsPort()
                    + "?clusterId=" + CLUSTER);
            try (XAConnection connection = factory.createXAConnection()) {
                int channel = 0;
                for (XaCase xaCase : CASES) { // warm-up, not recorded
                    measure(server, connection, xaCase, Math.max(1, seconds / 2), "warm-" + channel++);
                }
                for (int rep = 0; rep < reps; rep++) {
                    for (XaCase xaCase : RunOrder.rotated(CASES, rep)) {
                        Run run = measure(server, connection, xaCase, seconds, "run-" + channel++);
                        runs.computeIfAbsent(xaCase, c -> new ArrayList<>()).add(run);
                        System.err.printf(Locale.ROOT, "rep %d %-7s %,8.0f tx/s  p50 %.2f ms  p99 %.2f ms  (load %s)%n",
                                rep + 1, xaCase.label(), run.perSecond(), run.p50Millis(), run.p99Millis(),
                                MachineLoad.now());
                    }
                }
            }
        }
        return String.format(Locale.ROOT, "XaCommitHarness: one PERSISTENT 1 KB TextMessage per transaction, back to"
                + " back, %d reps x %d s per case, natsjms server in-process on MapDB (fsync always)%n", reps, seconds)
                + "before: " + before + "\n\n" + table(runs) + "\nafter: load average " + MachineLoad.now() + "\n";
    }

    private static Run measure(NatsjmsServer server, XAConnection connection, XaCase xaCase, int seconds,
                               String channel) throws Exception {
        XASession xa = xaCase == XaCase.LOCAL ? null : connection.createXASession();
        Session session = xa != null ? xa : connection.createSession(true, Session.SESSION_TRANSACTED);
        try {
            MessageProducer producer = session.createProducer(session.createQueue(channel));
            TextMessage message = session.createTextMessage("x".repeat(1024));
            Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            long start = System.nanoTime();
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long commits = 0;
            long now = start;
            while (now < end) {
                xaCase.commitOne(session, xa == null ? null : xa.getXAResource(), producer, message);
                long done = System.nanoTime();
                latency.recordValue(Math.min(done - now, latency.getHighestTrackableValue()));
                now = done;
                commits++;
            }
            long stored = server.snapshot().channels().stream().filter(c -> c.name().equals(channel))
                    .mapToLong(ServerSnapshot.ChannelView::msgs).sum();
            if (stored != commits) {
                throw new IllegalStateException(xaCase.label() + ": " + commits + " commits but " + stored
                        + " messages in channel " + channel);
            }
            return new Run(commits * 1e9 / (now - start), latency.getValueAtPercentile(50) / 1e6,
                    latency.getValueAtPercentile(99) / 1e6);
        } finally {
            session.close();
        }
    }

    private static String table(Map<XaCase, List<Run>> runs) {
        MarkdownTable table = new MarkdownTable().left("case").right("tx/s").right("latency p50 ms")
                .right("latency p99 ms").right("tx/s ÷ local (per rep)");
        List<Run> local = runs.get(XaCase.LOCAL);
        for (XaCase xaCase : CASES) {
            List<Run> mine = runs.get(xaCase);
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < mine.size(); i++) {
                ratios.add(mine.get(i).perSecond() / local.get(i).perSecond());
            }
            table.row(xaCase.label(), Summary.of(mine.stream().map(Run::perSecond).toList()).format("%,.0f"),
                    Summary.of(mine.stream().map(Run::p50Millis).toList()).format("%.2f"),
                    Summary.of(mine.stream().map(Run::p99Millis).toList()).format("%.2f"),
                    Summary.of(ratios).format("%.2fx"));
        }
        return table.render();
    }
}
