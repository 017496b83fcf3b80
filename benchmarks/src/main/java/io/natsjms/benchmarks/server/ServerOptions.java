package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.CommandLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@link ServerHarness} runs.
 *
 * @param reps           repetitions of every case, interleaved
 * @param messages       messages per publish, drain and live run
 * @param window         PubAcks in flight per publisher
 * @param cases          what to measure, in order
 * @param ceilingSeconds seconds per store and fsync ceiling run
 * @param rate           msgs/s of the latency runs
 * @param latencySeconds seconds per latency run
 * @param latencySkip    seconds at the start of a latency run that are not recorded
 * @param warmup         whether every case first runs once untimed with a fifth of the messages
 * @param directory      parent of the scratch directories
 */
record ServerOptions(int reps, long messages, int window, List<ServerCase> cases, double ceilingSeconds,
                     int rate, double latencySeconds, double latencySkip, boolean warmup, Path directory) {

    static final String USAGE = """
            java -cp natsjms-benchmarks.jar io.natsjms.benchmarks.server.ServerHarness [options]
              --reps N             repetitions, interleaved across cases (default 3)
              --messages N         messages per publish / drain / live run (default 50000)
              --window N           PubAcks in flight per publisher (default 16384)
              --cases a,b,...      default: all of
                                   acked,store,fsync,pub-{stan,raw}-{mapdb,memory}-{1,4},
                                   drain-{mapdb,memory},live-{mapdb,memory},latency-{mapdb,memory}
              --ceiling-seconds S  seconds per store / fsync ceiling run (default 2)
              --rate N             msgs/s of the latency runs (default 2000)
              --latency-seconds S  seconds per latency run (default 6)
              --latency-skip S     seconds not recorded at the start of a latency run (default 1)
              --warmup true|false  one untimed pass over all cases first (default true)
              --dir PATH           parent of the scratch directories (default java.io.tmpdir)
            """;

    ServerOptions {
        cases = List.copyOf(cases);
        if (messages > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--messages: " + messages + " (expected: <= " + Integer.MAX_VALUE + ")");
        }
        if (latencySkip >= latencySeconds) {
            throw new IllegalArgumentException("--latency-skip: " + latencySkip + " (expected: < --latency-seconds "
                    + latencySeconds + ")");
        }
    }

    static ServerOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("reps", "messages", "window", "cases", "ceiling-seconds",
                "rate", "latency-seconds", "latency-skip", "warmup", "dir"));
        List<ServerCase> cases = new ArrayList<>();
        for (String name : line.list("cases", ServerCase.DEFAULT_NAMES)) {
            cases.add(ServerCase.parse(name));
        }
        String warmup = line.string("warmup", "true");
        if (!warmup.equals("true") && !warmup.equals("false")) {
            throw new IllegalArgumentException("--warmup: \"" + warmup + "\" (expected: true or false)");
        }
        return new ServerOptions(
                line.intValue("reps", 3, 1),
                line.longValue("messages", 50_000, 1),
                line.intValue("window", 16_384, 1),
                cases,
                line.seconds("ceiling-seconds", 2, 0.001),
                line.intValue("rate", 2_000, 1),
                line.seconds("latency-seconds", 6, 0.001),
                line.seconds("latency-skip", 1, 0),
                Boolean.parseBoolean(warmup),
                Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))));
    }
}
