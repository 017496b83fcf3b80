package io.natsjms.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The 1/5/15-minute load averages from {@code /proc/loadavg}, printed with every result because the
 * fsync rate of a shared disk swings about tenfold with the load of the other tenants.
 */
public final class MachineLoad {

    private static final Path LOADAVG = Path.of("/proc/loadavg");

    private MachineLoad() {
    }

    /** For example {@code "0.96 0.37 0.14"}, or {@code "n/a"} where the file does not exist. */
    public static String now() {
        try {
            String[] fields = Files.readString(LOADAVG).trim().split("\\s+");
            return fields.length >= 3 ? fields[0] + " " + fields[1] + " " + fields[2] : "n/a";
        } catch (IOException e) {
            return "n/a";
        }
    }

    /** One line naming the JVM, the core count, the load and the data directory. */
    public static String describe(Path dataDirectory) {
        return "java " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, load average " + now() + ", data under " + dataDirectory.toAbsolutePath();
    }
}
