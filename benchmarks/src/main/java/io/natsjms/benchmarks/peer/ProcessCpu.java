package io.natsjms.benchmarks.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * CPU time of a process as the kernel counts it: user + system time from {@code /proc/<pid>/stat}
 * (fields 14 and 15, in clock ticks of {@code getconf CLK_TCK}, 100 per second on Linux), so that two
 * servers written in different languages are charged the same way.
 */
final class ProcessCpu {

    private final long nanosPerTick;

    private ProcessCpu(long nanosPerTick) {
        this.nanosPerTick = nanosPerTick;
    }

    /** Asks {@code getconf CLK_TCK} for the tick rate; 100 per second when it cannot say. */
    static ProcessCpu ofThisMachine() {
        long ticksPerSecond = 100;
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            if (getconf.waitFor(10, TimeUnit.SECONDS) && getconf.exitValue() == 0 && out.matches("[1-9][0-9]*")) {
                ticksPerSecond = Long.parseLong(out);
            }
        } catch (IOException e) {
            // keep 100, the Linux value
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new ProcessCpu(TimeUnit.SECONDS.toNanos(1) / ticksPerSecond);
    }

    static ProcessCpu withTicksPerSecond(long ticksPerSecond) {
        if (ticksPerSecond < 1) {
            throw new IllegalArgumentException("ticksPerSecond: " + ticksPerSecond + " (expected: >= 1)");
        }
        return new ProcessCpu(TimeUnit.SECONDS.toNanos(1) / ticksPerSecond);
    }

    /**
     * User + system CPU time of {@code pid} so far, in nanoseconds; 0 once the process is gone.
     *
     * @throws IOException if {@code /proc} cannot be read
     */
    long nanos(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        } catch (NoSuchFileException e) {
            return 0;
        }
        return ticks(stat) * nanosPerTick;
    }

    /**
     * User + system CPU time of the JIT compiler threads of {@code pid} so far (the tasks whose name starts
     * with {@code C1 CompilerThre} or {@code C2 CompilerThre}, as the kernel truncates it), in nanoseconds;
     * 0 once the process is gone or if it has no such threads.
     *
     * @throws IOException if {@code /proc} cannot be read
     */
    long compilerNanos(long pid) throws IOException {
        Path tasks = Path.of("/proc", String.valueOf(pid), "task");
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (NoSuchFileException e) {
                    continue; // the thread ended
                }
                if (isCompiler(command(stat))) {
                    ticks += ticks(stat);
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return ticks * nanosPerTick;
    }

    static boolean isCompiler(String command) {
        return command.startsWith("C1 CompilerThre") || command.startsWith("C2 CompilerThre");
    }

    /**
     * The command name (field 2) of one {@code /proc/<pid>/stat} line: what is between the first
     * {@code '('} and the last {@code ')'}.
     *
     * @throws IllegalArgumentException if the line has no name in parentheses
     */
    static String command(String stat) {
        int start = stat.indexOf('(');
        int end = stat.lastIndexOf(')');
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("/proc stat: \"" + stat.trim() + "\" (expected: pid (comm) ...)");
        }
        return stat.substring(start + 1, end);
    }

    /**
     * utime + stime of one {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses
     * and may itself hold blanks and parentheses, so the fields are counted after its last {@code ')'}.
     *
     * @throws IllegalArgumentException if the line does not have the fields
     */
    static long ticks(String stat) {
        int end = stat.lastIndexOf(')');
        String[] fields = end < 0 ? new String[0] : stat.substring(end + 1).trim().split("\\s+");
        // fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12
        if (fields.length < 13) {
            throw new IllegalArgumentException("/proc stat: \"" + stat.trim()
                    + "\" (expected: pid (comm) and at least 13 more fields)");
        }
        try {
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("/proc stat: \"" + stat.trim()
                    + "\" (expected: utime and stime as integers in fields 14 and 15)", e);
        }
    }
}
