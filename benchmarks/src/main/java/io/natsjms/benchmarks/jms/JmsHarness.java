package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.HarnessArguments;
import io.natsjms.benchmarks.LatencyResult;
import io.natsjms.benchmarks.MachineLoad;
import io.natsjms.benchmarks.RunOrder;
import io.natsjms.benchmarks.Sample;
import jakarta.jms.ConnectionFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The natsjms JMS provider against embedded ActiveMQ Artemis, both through the jakarta.jms API only,
 * in one JVM: persistent 1 KB TextMessages to a topic with one durable subscriber — sync send
 * throughput, async send (CompletionListener) throughput, backlog drain rate, and send -> receive
 * latency at a fixed rate. Every case runs once per provider and repetition on a fresh broker with a
 * fresh data directory (both under the same parent, so on the same disk); the order of the cases
 * rotates between repetitions and the order of the providers alternates. Prints one Markdown table
 * with the ratios natsjms ÷ Artemis taken per repetition, and the load average before and after;
 * progress goes to stderr.
 *
 * <p>Usage: see {@link JmsOptions#USAGE}.
 */
public final class JmsHarness {

    /** Held so that the levels set in {@link #main} stay (JUL keeps loggers weakly). */
    private static final List<Logger> QUIETED = List.of(
            Logger.getLogger("io.natsjms"), Logger.getLogger("io.nats"),
            Logger.getLogger("org.apache.activemq"), Logger.getLogger("org.apache.activemq.audit"));

    private JmsHarness() {
    }

    public static void main(String[] args) throws Exception {
        // per-run INFO lines (broker started, store opened) would drown the progress lines; Artemis'
        // audit loggers would log every message
        QUIETED.forEach(logger -> logger.setLevel(Level.WARNING));
        Logger.getLogger("org.apache.activemq.audit").setLevel(Level.OFF);
        Optional<JmsOptions> options = HarnessArguments.parseOrExit(args, JmsOptions.USAGE, JmsOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    static String run(JmsOptions options) throws Exception {
        String before = MachineLoad.describe(options.directory());
        System.err.println("JmsHarness: " + before);
        if (options.warmup()) {
            JmsOptions light = options.warmupPass();
            // a full-length async-send run pushes the most messages through sending, storing and
            // delivering (a short one is too slow while the code is still interpreted), so the JIT has
            // compiled both providers' hot paths whichever cases were chosen
            for (Provider provider : options.providers()) {
                measure(JmsCase.ASYNC_SEND, provider, options, null, -1);
            }
            for (JmsCase jmsCase : options.cases()) {
                for (Provider provider : options.providers()) {
                    measure(jmsCase, provider, light, null, -1);
                }
            }
        }
        JmsTable table = new JmsTable(options.cases());
        for (int rep = 0; rep < options.reps(); rep++) {
            List<JmsCase> cases = RunOrder.rotated(options.cases(), rep);
            for (int c = 0; c < cases.size(); c++) {
                for (Provider provider : RunOrder.rotated(options.providers(), rep + c)) {
                    measure(cases.get(c), provider, options, table, rep);
                }
            }
        }
        return header(options) + "before: " + before + "\n\n"
                + table.render() + "\n"
                + "after: load average " + MachineLoad.now() + "\n";
    }

    private static String header(JmsOptions options) {
        return String.format(Locale.ROOT, "JmsHarness: PERSISTENT 1 KB TextMessages (1024 ASCII chars) to a topic with one "
                        + "durable subscriber (AUTO_ACKNOWLEDGE listener), %d reps interleaved; %s s per send and latency run; "
                        + "async window %,d; drain backlog %,d msgs; latency at %,d msgs/s (first %s s not recorded)%n"
                        + "natsjms: embedded NATS broker + streaming server, MapDB store with %s; "
                        + "Artemis %s: embedded, persistence on, NIO journal, datasync on, %s acceptor, "
                        + "confirmationWindowSize %,d%n",
                options.reps(), options.seconds(), options.window(), options.drainMessages(), options.rate(),
                options.latencySkip(),
                options.natsjmsStore().isEmpty() ? "default options (fsync=always)" : "options " + options.natsjmsStore(),
                ArtemisBroker.version(), options.artemisTransport().label(),
                ArtemisBroker.CONFIRMATION_WINDOW_BYTES);
    }

    /** One run of {@code jmsCase} on a fresh broker of {@code provider}; recorded unless {@code table} is null. */
    private static void measure(JmsCase jmsCase, Provider provider, JmsOptions options, JmsTable table, int rep)
            throws Exception {
        String label = table == null ? "warm-up" : "rep " + (rep + 1);
        System.gc();
        try (BenchBroker broker = provider.start(options)) {
            ConnectionFactory factory = broker.connectionFactory();
            if (jmsCase == JmsCase.LATENCY) {
                LatencyResult result = FixedRateRun.run(factory, options.rate(), options.seconds(),
                        options.latencySkip(), options.window());
                System.err.printf(Locale.ROOT, "%-8s %-10s %-8s receive p50 %.2f ms p99 %.2f ms, completion p50 %.2f ms"
                                + " (%,.0f msgs/s, load %s)%n", label, jmsCase.label(), provider.label(),
                        result.deliverP50() / 1000, result.deliverP99() / 1000, result.ackP50() / 1000, result.rate(),
                        MachineLoad.now());
                if (table != null) {
                    table.add(provider, rep, result);
                }
                return;
            }
            Sample sample = switch (jmsCase) {
                case SYNC_SEND -> ThroughputRuns.syncSend(factory, options.seconds());
                case ASYNC_SEND -> ThroughputRuns.asyncSend(factory, options.seconds(), options.window());
                case DRAIN -> ThroughputRuns.drain(factory, options.drainMessages(), options.window());
                case LATENCY -> throw new IllegalStateException("latency is not a throughput case");
            };
            System.err.printf(Locale.ROOT, "%-8s %-10s %-8s %,10.0f msgs/s  (%,d msgs, load %s)%n",
                    label, jmsCase.label(), provider.label(), sample.messagesPerSecond(), sample.messages(),
                    MachineLoad.now());
            if (table != null) {
                table.add(provider, rep, jmsCase, sample);
            }
        }
    }
}
