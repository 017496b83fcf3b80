package io.natsjms.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link StoreHarness} runs.
 *
 * @param seconds       timed seconds per case, batch size and repetition
 * @param warmupSeconds untimed seconds per case and batch size before the first repetition (0: none)
 * @param reps          repetitions of every case and batch size
 * @param batches       appends per sync
 * @param cases         what to measure, in order; {@code raw} is the reference for the ratios
 * @param directory     where the scratch directories are created
 * @param maxMessages   cap on the messages of one run (bounds the memory store's heap and the disk)
 */
record HarnessOptions(double seconds, double warmupSeconds, int reps, List<Integer> batches,
                      List<AppendCase> cases, Path directory, long maxMessages) {

    static final double DEFAULT_SECONDS = 3;
    static final double DEFAULT_WARMUP_SECONDS = 1;
    static final int DEFAULT_REPS = 3;
    static final List<String> DEFAULT_BATCHES = List.of("1", "100", "1000");
    static final List<String> DEFAULT_CASES = List.of(RawFileTarget.NAME, "mapdb", "memory");
    static final long DEFAULT_MAX_MESSAGES = 2_000_000;
    /** The mapdb store is measured with a commit that fsyncs, whatever its default may become. */
    static final Map<String, Map<String, String>> DEFAULT_STORE_OPTIONS = Map.of("mapdb", Map.of("fsync", "always"));

    static final String USAGE = """
            java -cp natsjms-benchmarks.jar io.natsjms.benchmarks.StoreHarness [options]
              --seconds S        timed seconds per run (default 3)
              --warmup S         untimed seconds per case and batch before the reps (default 1; 0 = none)
              --reps N           repetitions, interleaved across cases (default 3)
              --batches 1,100,1000   appends per commit / force
              --cases raw,mapdb,memory   raw = FileChannel write + force(false); others are store names
              --option store.key=value   store option, repeatable (default mapdb.fsync=always)
              --dir PATH         parent of the scratch directories (default java.io.tmpdir)
              --max-messages N   cap per run (default 2000000)
            """;

    HarnessOptions {
        batches = List.copyOf(batches);
        cases = List.copyOf(cases);
    }

    static HarnessOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args,
                Set.of("seconds", "warmup", "reps", "batches", "cases", "option", "dir", "max-messages"));
        List<Integer> batches = new ArrayList<>();
        for (String text : line.list("batches", DEFAULT_BATCHES)) {
            batches.add(positive("batches", text));
        }
        Map<String, Map<String, String>> options = line.storeOptions("option", DEFAULT_STORE_OPTIONS);
        List<AppendCase> cases = new ArrayList<>();
        for (String name : line.list("cases", DEFAULT_CASES)) {
            cases.add(new AppendCase(name, options.getOrDefault(name, Map.of())));
        }
        return new HarnessOptions(
                line.seconds("seconds", DEFAULT_SECONDS, 0.001),
                line.seconds("warmup", DEFAULT_WARMUP_SECONDS, 0),
                line.intValue("reps", DEFAULT_REPS, 1),
                batches,
                cases,
                Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))),
                line.longValue("max-messages", DEFAULT_MAX_MESSAGES, 1));
    }

    private static int positive(String name, String text) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": \"" + text + "\" (expected: an integer >= 1)", e);
        }
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: >= 1)");
        }
        return value;
    }
}
