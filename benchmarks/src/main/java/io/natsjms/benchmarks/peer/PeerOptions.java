package io.natsjms.benchmarks.peer;

import io.natsjms.benchmarks.CommandLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link PeerHarness} runs.
 *
 * @param reps         repetitions of every case, interleaved
 * @param cases        what to measure, in order
 * @param messages     messages per async publish run
 * @param liveMessages messages published per live run
 * @param backlog      messages per drain run
 * @param syncSeconds  seconds per sync publish run
 * @param window       PubAcks in flight per publisher
 * @param warmup       messages published and received untimed on a channel of their own at the start of every run
 * @param ours         our server, persistent store ({@code file} cases)
 * @param oursMemory   our server, memory store
 * @param peer         the peer, persistent store; empty when not given
 * @param peerMemory   the peer, memory store; empty when not given
 * @param directory    parent of the scratch directories
 */
record PeerOptions(int reps, List<PeerCase> cases, long messages, long liveMessages, long backlog, double syncSeconds,
                   int window, long warmup, CommandTemplate ours, CommandTemplate oursMemory,
                   Optional<CommandTemplate> peer, Optional<CommandTemplate> peerMemory, Path directory) {

    static final String USAGE = """
            java -cp natsjms-benchmarks.jar io.natsjms.benchmarks.peer.PeerHarness [options]
              --peer-command "CMD"         the peer server with a persistent store synced on every write, e.g.
                                           "/path/nats-streaming-server -a 127.0.0.1 -p {port} -cid {cluster}
                                            -st FILE --dir {dir} --file_sync=true"
              --peer-memory-command "CMD"  the peer server with its memory store (for the *-memory cases)
                                           (without a peer command, only our server runs and the table says so)
              --server-jar PATH            our packaged server (default server/target/natsjms-server.jar)
              --ours-command "CMD"         our server, persistent store (default: this JVM's java -jar the jar
                                           -a 127.0.0.1 -p {port} -cid {cluster} -st FILE --dir {dir} --file_sync=true)
              --ours-memory-command "CMD"  our server, memory store (default: the same with -st MEMORY, no --dir)
              --reps N                     repetitions, interleaved (default 3)
              --cases a,b,...              default: pub-file,pub-memory,sync-file,live-file-1024,live-file-16384,
                                           drain-file-1024,drain-file-16384 (any pub|sync-<file|memory>,
                                           live|drain-<file|memory>-<max in flight>)
              --messages N                 messages per async publish run (default 100000)
              --live-messages N            messages per live run (default 50000)
              --backlog N                  messages per drain run (default 100000)
              --sync-seconds S             seconds per sync publish run (default 5)
              --window N                   PubAcks in flight per publisher (default 16384)
              --warmup N                   untimed messages at the start of every run, own channel (default 100000)
              --dir PATH                   parent of the scratch directories (default java.io.tmpdir)
            Commands are split on blanks; {port}, {dir} and {cluster} are filled in per run.
            """;

    /** The cluster ID every server is started with and every client connects to. */
    static final String CLUSTER = "bench-cluster";

    static final String DEFAULT_JAR = "server/target/natsjms-server.jar";

    PeerOptions {
        cases = List.copyOf(cases);
        for (long count : List.of(messages, liveMessages, backlog, warmup)) {
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("message count: " + count + " (expected: <= " + Integer.MAX_VALUE + ")");
            }
        }
    }

    String cluster() {
        return CLUSTER;
    }

    /** The command of {@code side}'s server for {@code peerCase}'s store, if that server was given. */
    Optional<CommandTemplate> command(Side side, PeerCase peerCase) {
        if (side == Side.OURS) {
            return Optional.of(peerCase.persistent() ? ours : oursMemory);
        }
        return peerCase.persistent() ? peer : peerMemory;
    }

    static PeerOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("peer-command", "peer-memory-command", "server-jar",
                "ours-command", "ours-memory-command", "reps", "cases", "messages", "live-messages", "backlog",
                "sync-seconds", "window", "warmup", "dir"));
        List<PeerCase> cases = new ArrayList<>();
        for (String name : line.list("cases", PeerCase.DEFAULT_NAMES)) {
            cases.add(PeerCase.parse(name));
        }
        String jarText = line.string("server-jar", null);
        Path jar = Path.of(jarText == null ? DEFAULT_JAR : jarText);
        String oursText = line.string("ours-command", null);
        String oursMemoryText = line.string("ours-memory-command", null);
        if ((oursText == null || oursMemoryText == null) && !Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--server-jar: " + jar.toAbsolutePath() + " does not exist (expected: "
                    + "the packaged server, built by mvn -pl server -am package -DskipTests, or --ours-command "
                    + "and --ours-memory-command)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String ours = java + " -jar " + jar.toAbsolutePath() + " -a 127.0.0.1 -p {port} -cid {cluster}";
        return new PeerOptions(
                line.intValue("reps", 3, 1),
                cases,
                line.longValue("messages", 100_000, 1),
                line.longValue("live-messages", 50_000, 1),
                line.longValue("backlog", 100_000, 1),
                line.seconds("sync-seconds", 5, 0.001),
                line.intValue("window", 16_384, 1),
                line.longValue("warmup", 100_000, 0),
                CommandTemplate.parse(oursText != null ? oursText : ours + " -st FILE --dir {dir} --file_sync=true"),
                CommandTemplate.parse(oursMemoryText != null ? oursMemoryText : ours + " -st MEMORY"),
                Optional.ofNullable(line.string("peer-command", null)).map(CommandTemplate::parse),
                Optional.ofNullable(line.string("peer-memory-command", null)).map(CommandTemplate::parse),
                Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))));
    }
}
