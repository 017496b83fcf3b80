package io.natsjms.benchmarks;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What {@link ReopenHarness} runs.
 *
 * @param store         the store provider name
 * @param messages      messages to fill the store with
 * @param batch         appends per commit while filling
 * @param reopens       how many times to time open + recover
 * @param fillOptions   store options while filling
 * @param reopenOptions store options when reopening
 * @param directory     parent of the scratch directory
 * @param crash         whether a child JVM fills the store and halts without closing it (each reopen
 *                      then starts from a copy of that crashed directory)
 */
record ReopenOptions(String store, long messages, int batch, int reopens, Map<String, String> fillOptions,
                     Map<String, String> reopenOptions, Path directory, boolean crash) {

    static final String DEFAULT_STORE = "mapdb";
    static final long DEFAULT_MESSAGES = 1_000_000;
    static final int DEFAULT_BATCH = 1000;
    static final int DEFAULT_REOPENS = 3;
    /**
     * Filling does not need to be durable: the store is closed cleanly before it is reopened, or (with
     * {@code --crash}) its process halts, which loses nothing the OS was given.
     */
    static final Map<String, String> DEFAULT_FILL_OPTIONS = Map.of("fsync", "never");

    static final String USAGE = """
            java -cp natsjms-benchmarks.jar io.natsjms.benchmarks.ReopenHarness [options]
              --store NAME          store provider (default mapdb)
              --messages N          1 KB messages to fill the store with (default 1000000)
              --batch N             appends per commit while filling (default 1000)
              --reopens N           timed open + recover() runs (default 3)
              --fill-option k=v     store option while filling, repeatable (default fsync=never)
              --option k=v          store option when reopening, repeatable (default: none, the store's defaults)
              --dir PATH            parent of the scratch directory (default java.io.tmpdir)
              --crash true|false    fill in a child JVM that halts after its last commit without closing the
                                    store; time the reopen of a copy of that directory, then its clean reopen
                                    (default false)
            """;

    ReopenOptions {
        fillOptions = Map.copyOf(fillOptions);
        reopenOptions = Map.copyOf(reopenOptions);
    }

    static ReopenOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args,
                Set.of("store", "messages", "batch", "reopens", "fill-option", "option", "dir", "crash"));
        return new ReopenOptions(
                line.string("store", DEFAULT_STORE),
                line.longValue("messages", DEFAULT_MESSAGES, 1),
                line.intValue("batch", DEFAULT_BATCH, 1),
                line.intValue("reopens", DEFAULT_REOPENS, 1),
                line.options("fill-option", DEFAULT_FILL_OPTIONS),
                line.options("option", Map.of()),
                Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))),
                bool(line.string("crash", "false")));
    }

    private static boolean bool(String text) {
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--crash: \"" + text + "\" (expected: true or false)");
        };
    }
}
