package io.natsjms.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The writer {@link ReopenHarness} crashes: run in a child JVM, it fills one channel of a store with
 * 1 KB messages (a commit every {@code batch}), prints one line {@code filled <messages> <nanos>}
 * once the last commit returned, and halts without closing the store, as a killed server would.
 *
 * <p>Arguments: store name, data directory, messages, batch, then any number of {@code key=value}
 * store options.
 */
public final class CrashFill {

    /** What the child prints before it halts; anything else on its output is the store's logging. */
    static final String FILLED = "filled ";

    private CrashFill() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: CrashFill <store> <directory> <messages> <batch> [key=value ...]");
            Runtime.getRuntime().halt(2);
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 4; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            options.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        StoreTarget target = new StoreTarget(args[0], Path.of(args[1]), options);
        Sample fill = AppendLoop.run(target, Integer.parseInt(args[3]), Long.MAX_VALUE, Long.parseLong(args[2]));
        System.out.println(FILLED + fill.messages() + " " + fill.nanos());
        System.out.flush();
        Runtime.getRuntime().halt(0); // no close: the store finds the directory as a crash left it
    }

    /**
     * Runs {@link #main} in a new JVM with this JVM's class path and waits for it.
     *
     * @return the fill as the child measured it
     * @throws IllegalStateException if the child failed, with its output
     */
    static Sample run(String store, Path directory, long messages, int batch, Map<String, String> options) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashFill.class.getName(), store, directory.toString(),
                Long.toString(messages), Integer.toString(batch)));
        options.forEach((key, value) -> command.add(key + "=" + value));
        try {
            Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = child.waitFor();
            String line = output.lines().filter(l -> l.startsWith(FILLED)).findFirst().orElse(null);
            if (status != 0 || line == null) {
                throw new IllegalStateException("the crash writer ended with status " + status
                        + " (expected: 0 after a line \"" + FILLED + "...\"); its output: " + output);
            }
            String[] fields = line.substring(FILLED.length()).trim().split(" ");
            return new Sample(Long.parseLong(fields[0]), Long.parseLong(fields[1]));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the crash writer " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the crash writer", e);
        }
    }
}
