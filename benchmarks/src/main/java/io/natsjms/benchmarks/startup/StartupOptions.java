package io.natsjms.benchmarks.startup;

import io.natsjms.benchmarks.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@link StartupHarness} runs: which server jar, how often, on which store, with which JVM
 * options.
 *
 * @param jar         the runnable server jar
 * @param reps        how many times the server is started
 * @param store       {@code memory} or {@code mapdb} (an empty data directory per start)
 * @param directory   where the MapDB data directories are made
 * @param jvmOptions  options for the server's JVM, e.g. {@code -XX:TieredStopAtLevel=1}
 * @param attemptWait how long one STAN connect attempt waits for the server's answer
 */
record StartupOptions(Path jar, int reps, String store, Path directory, List<String> jvmOptions,
                      Duration attemptWait) {

    static final String USAGE = """
            Usage: java -cp benchmarks/target/natsjms-benchmarks.jar io.natsjms.benchmarks.startup.StartupHarness \\
                   [--jar server/target/natsjms-server.jar] [--reps 10] [--store memory|mapdb] [--dir /tmp] \\
                   [--jvm-option -XX:TieredStopAtLevel=1]... [--attempt-wait-ms 2000]
            """;

    static StartupOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("jar", "reps", "store", "dir", "jvm-option",
                "attempt-wait-ms"));
        String store = line.string("store", "memory");
        if (!store.equals("memory") && !store.equals("mapdb")) {
            throw new IllegalArgumentException("--store: \"" + store + "\" (expected: memory or mapdb)");
        }
        return new StartupOptions(Path.of(line.string("jar", "server/target/natsjms-server.jar")),
                line.intValue("reps", 10, 1), store, Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))),
                line.all("jvm-option"), Duration.ofMillis(line.longValue("attempt-wait-ms", 2000, 1)));
    }
}
