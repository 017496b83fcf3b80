package io.natsjms.benchmarks.peer;

import io.natsjms.benchmarks.HarnessArguments;
import io.natsjms.benchmarks.MachineLoad;
import io.natsjms.benchmarks.RunOrder;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Our streaming server side by side with another implementation of the protocol (the peer), both
 * as separate processes started from command lines, measured with the same official STAN client in
 * this JVM: async publish (persistent and memory store), sync publish rate and PubAck latency,
 * publish with one live subscriber, and a new subscriber draining a backlog, each with the server's
 * CPU time per message from {@code /proc}. Every case runs once per repetition against each server
 * (which one goes first alternates), each run on a fresh server with a fresh data directory that is
 * killed and deleted afterwards; ratios ours ÷ peer are taken per repetition. Prints a Markdown table
 * with the load average before and after; progress goes to stderr.
 *
 * <p>Usage: see {@link PeerOptions#USAGE}.
 */
public final class PeerHarness {

    /** Held so that the level set in {@link #main} stays (JUL keeps loggers weakly). */
    private static final java.util.logging.Logger CLIENT_LOGS = java.util.logging.Logger.getLogger("io.nats");

    private PeerHarness() {
    }

    public static void main(String[] args) throws Exception {
        HarnessArguments.allowPre22Gencode();
        // jnats reports the subscribers' last auto-acks, discarded when their connections close
        CLIENT_LOGS.setLevel(java.util.logging.Level.WARNING);
        Optional<PeerOptions> options = HarnessArguments.parseOrExit(args, PeerOptions.USAGE, PeerOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    static String run(PeerOptions options) throws Exception {
        String before = MachineLoad.describe(options.directory());
        System.err.println("PeerHarness: " + before);
        ProcessCpu cpu = ProcessCpu.ofThisMachine();
        CaseRuns runs = new CaseRuns(options);
        PeerTable table = new PeerTable(options.cases());
        List<PeerCase> cases = options.cases();
        for (int rep = 0; rep < options.reps(); rep++) {
            List<PeerCase> order = RunOrder.rotated(cases, rep);
            for (int i = 0; i < order.size(); i++) {
                PeerCase peerCase = order.get(i);
                List<Side> sides = (rep + i) % 2 == 0 ? List.of(Side.OURS, Side.PEER) : List.of(Side.PEER, Side.OURS);
                for (Side side : sides) {
                    Optional<CommandTemplate> command = options.command(side, peerCase);
                    if (command.isPresent()) {
                        measure(runs, table, peerCase, side, command.get(), rep, options, cpu);
                    }
                }
            }
        }
        return "PeerHarness: 1 KB messages, official STAN client, " + options.reps() + " reps interleaved, "
                + options.messages() + " msgs per async publish run, " + options.liveMessages() + " per live run, "
                + options.backlog() + " per drain, sync publish for " + options.syncSeconds() + " s, window "
                + options.window() + " PubAcks, " + options.warmup() + " untimed msgs first in every run\n"
                + "ours (file): " + options.ours() + "\n"
                + "ours (memory): " + options.oursMemory() + "\n"
                + "peer (file): " + options.peer().map(CommandTemplate::toString).orElse("none given") + "\n"
                + "peer (memory): " + options.peerMemory().map(CommandTemplate::toString).orElse("none given") + "\n"
                + "before: " + before + "\n\n"
                + table.render() + "\n"
                + "ratios are ours ÷ peer, paired per repetition; CPU is user + system time of the server process "
                + "during the timed part, divided by the messages it handled; \"JIT threads left out\" leaves out the "
                + "threads named C1/C2 CompilerThread* of either server (a server without them is not changed)\n"
                + "after: load average " + MachineLoad.now() + "\n";
    }

    private static void measure(CaseRuns runs, PeerTable table, PeerCase peerCase, Side side, CommandTemplate command,
                                int rep, PeerOptions options, ProcessCpu cpu) throws Exception {
        CaseResult result;
        try (ServerProcess server = ServerProcess.start(command, options.cluster(), options.directory(),
                "peer-" + side.label() + "-" + peerCase.store(), cpu)) {
            result = runs.run(peerCase, server);
        }
        table.add(peerCase, side, rep, result);
        List<PeerCase.Figure> figures = peerCase.figures();
        String values = IntStream.range(0, figures.size())
                .mapToObj(i -> figures.get(i).title() + " " + String.format(Locale.ROOT, "%,.2f", result.values().get(i)))
                .collect(Collectors.joining(", "));
        System.err.printf(Locale.ROOT, "rep %d %-4s %-17s %s, CPU %.1f µs/msg (%.1f without JIT threads) (load %s)%n",
                rep + 1, side.label(), peerCase.name(), values, result.cpuMicrosPerMessage(),
                result.cpuMicrosPerMessageWithoutCompiler(), MachineLoad.now());
    }
}
