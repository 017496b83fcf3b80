package io.natsjms.benchmarks.server;

import io.natsjms.benchmarks.CommandLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * What {@link ClientsHarness} runs.
 *
 * @param clients   STAN clients, each on its own NATS connection and its own channel
 * @param rate      msgs/s each client publishes
 * @param seconds   seconds each client publishes per run
 * @param skip      seconds at the start of a run that are not recorded
 * @param reps      repetitions; every store runs once per repetition, the order rotating
 * @param stores    the stores compared, the first being the reference of the ratios
 * @param directory parent of the scratch directories
 */
record ClientsOptions(int clients, int rate, double seconds, double skip, int reps, List<String> stores,
                      Path directory) {

    static final String USAGE = """
            java -cp natsjms-benchmarks.jar io.natsjms.benchmarks.server.ClientsHarness [options]
              --clients N       STAN clients, one NATS connection, channel and durable subscriber each (default 200)
              --rate N          msgs/s published by each client (default 5)
              --seconds S       seconds of publishing per run (default 20)
              --skip S          seconds not recorded at the start of a run (default 2)
              --reps N          repetitions, the stores interleaved (default 3)
              --stores a,b      stores compared; ratios are to the first (default memory,mapdb)
              --dir PATH        parent of the scratch directories (default java.io.tmpdir)
            """;

    ClientsOptions {
        stores = List.copyOf(stores);
        if (skip >= seconds) {
            throw new IllegalArgumentException("--skip: " + skip + " (expected: < --seconds " + seconds + ")");
        }
        if (stores.isEmpty()) {
            throw new IllegalArgumentException("--stores: empty (expected: at least one store name)");
        }
        if ((double) clients * rate * seconds > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--clients × --rate × --seconds: " + (long) (clients * (double) rate * seconds)
                    + " messages (expected: <= " + Integer.MAX_VALUE + ")");
        }
    }

    static ClientsOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("clients", "rate", "seconds", "skip", "reps", "stores", "dir"));
        return new ClientsOptions(
                line.intValue("clients", 200, 1),
                line.intValue("rate", 5, 1),
                line.seconds("seconds", 20, 0.001),
                line.seconds("skip", 2, 0),
                line.intValue("reps", 3, 1),
                line.list("stores", List.of("memory", "mapdb")),
                Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))));
    }

    /** Messages all clients publish together per second. */
    long totalRate() {
        return (long) clients * rate;
    }
}
