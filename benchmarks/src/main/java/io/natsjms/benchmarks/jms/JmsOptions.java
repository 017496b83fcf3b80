package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.CommandLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link JmsHarness} runs.
 *
 * @param reps             repetitions of every case and provider, interleaved
 * @param seconds          seconds per sync-send, async-send and latency run
 * @param cases            what to measure, in order
 * @param providers        which providers to run (both, for the ratios)
 * @param window           async sends outstanding at most (async-send, drain's backlog, latency)
 * @param drainMessages    backlog size of a drain run
 * @param rate             msgs/s of the latency runs
 * @param latencySkip      seconds at the start of a latency run that are not recorded
 * @param warmup           whether every case first runs once untimed per provider, shortened
 * @param artemisTransport how Artemis' client reaches its broker
 * @param natsjmsStore     options of the natsjms server's MapDB store (none: its defaults, fsync always)
 * @param directory        parent of the scratch (data) directories of both brokers
 */
record JmsOptions(int reps, double seconds, List<JmsCase> cases, List<Provider> providers, int window,
                  int drainMessages, int rate, double latencySkip, boolean warmup,
                  ArtemisBroker.Transport artemisTransport, Map<String, String> natsjmsStore, Path directory) {

    static final String USAGE = """
            java -cp natsjms-benchmarks.jar io.natsjms.benchmarks.jms.JmsHarness [options]
              --reps N              repetitions, interleaved across cases and providers (default 3)
              --seconds S           seconds per sync-send, async-send and latency run (default 5)
              --cases a,b,...       any of sync-send,async-send,drain,latency (default: all)
              --providers a,b       natsjms,artemis (default: both; the ratios need both)
              --window N            async sends outstanding at most (default 1000)
              --drain-messages N    backlog of a drain run (default 20000)
              --rate N              msgs/s of the latency runs (default 2000)
              --latency-skip S      seconds not recorded at the start of a latency run (default 1)
              --warmup true|false   one untimed, shortened pass over all cases first (default true)
              --artemis-transport netty|invm   Artemis acceptor and client URL (default netty)
              --natsjms-store key=value   MapDB store option of the natsjms server, repeatable, for
                                    diagnosis (default none: the store's defaults, fsync=always)
              --dir PATH            parent of both brokers' data directories (default java.io.tmpdir)
            """;

    JmsOptions {
        cases = List.copyOf(cases);
        providers = List.copyOf(providers);
        natsjmsStore = Map.copyOf(natsjmsStore);
        if (cases.isEmpty() || providers.isEmpty()) {
            throw new IllegalArgumentException("cases " + cases + ", providers " + providers + " (expected: at least one each)");
        }
        if (latencySkip >= seconds && cases.contains(JmsCase.LATENCY)) {
            throw new IllegalArgumentException("--latency-skip: " + latencySkip + " (expected: < --seconds " + seconds + ")");
        }
    }

    static JmsOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("reps", "seconds", "cases", "providers", "window",
                "drain-messages", "rate", "latency-skip", "warmup", "artemis-transport", "natsjms-store", "dir"));
        List<JmsCase> cases = new ArrayList<>();
        for (String name : line.list("cases", JmsCase.DEFAULT_NAMES)) {
            cases.add(JmsCase.parse(name));
        }
        List<Provider> providers = new ArrayList<>();
        for (String name : line.list("providers", List.of("natsjms", "artemis"))) {
            providers.add(Provider.parse(name));
        }
        String warmup = line.string("warmup", "true");
        if (!warmup.equals("true") && !warmup.equals("false")) {
            throw new IllegalArgumentException("--warmup: \"" + warmup + "\" (expected: true or false)");
        }
        return new JmsOptions(
                line.intValue("reps", 3, 1),
                line.seconds("seconds", 5, 0.1),
                cases,
                providers,
                line.intValue("window", 1000, 1),
                line.intValue("drain-messages", 20_000, 1),
                line.intValue("rate", 2_000, 1),
                line.seconds("latency-skip", 1, 0),
                Boolean.parseBoolean(warmup),
                ArtemisBroker.Transport.parse(line.string("artemis-transport", "netty")),
                line.options("natsjms-store", Map.of()),
                Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))));
    }

    /** The settings of the warm-up pass: at most 1.5 s per run, a fifth of the backlog, one rep. */
    JmsOptions warmupPass() {
        double shortSeconds = Math.min(1.5, seconds);
        return new JmsOptions(1, shortSeconds, cases, providers, window, Math.max(1, drainMessages / 5), rate,
                Math.min(latencySkip, shortSeconds / 2), false, artemisTransport, natsjmsStore, directory);
    }
}
