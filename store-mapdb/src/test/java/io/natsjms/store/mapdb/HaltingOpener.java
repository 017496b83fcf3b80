package io.natsjms.store.mapdb;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The child process of {@link MapDbUpgradeCrashIT}: opens the store in a data directory and halts
 * ({@link Runtime#halt}, as a crash would) at a chosen moment of the open: a delay after the open began, or a delay
 * after the n-th time a chosen {@link OpenStep} is reached (0 µs: at the step itself). If the open ends first, it
 * halts right after it, without closing the store.
 *
 * <p>Arguments: data directory, step name or {@code start}, occurrence (from 1), delay in microseconds.
 */
public final class HaltingOpener {

    private HaltingOpener() {
    }

    public static void main(String[] args) {
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING); // the parent shows the rest
        Path dir = Path.of(args[0]);
        String at = args[1];
        int occurrence = Integer.parseInt(args[2]);
        long delayMicros = Long.parseLong(args[3]);
        if (at.equals("start")) {
            haltAfter(delayMicros);
        }
        AtomicInteger seen = new AtomicInteger();
        StoreFiles files = new PassThroughFiles() {
            @Override
            public void reached(OpenStep step) {
                if (step.name().equals(at) && seen.incrementAndGet() == occurrence) {
                    System.out.println("reached " + step + " #" + occurrence);
                    haltAfter(delayMicros);
                }
            }
        };
        MapDbStore.open(MapDbStoreConfig.from(LayoutOneFixture.config(dir)), files);
        System.out.println("opened");
        Runtime.getRuntime().halt(0);
    }

    /** Halts now, or from another thread after {@code micros} while this one goes on. */
    private static void haltAfter(long micros) {
        if (micros == 0) {
            Runtime.getRuntime().halt(0);
        }
        Thread killer = new Thread(() -> {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
            Runtime.getRuntime().halt(0);
        }, "halter");
        killer.setDaemon(true);
        killer.start();
    }

    /** Runs this class on {@code dir} in a new JVM and waits for it to end; returns its output. */
    static String run(Path dir, String at, int occurrence, long delayMicros) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), HaltingOpener.class.getName(), dir.toString(), at,
                Integer.toString(occurrence), Long.toString(delayMicros)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new IllegalStateException("the opener did not end within 60 s: " + output);
        }
        return output + "(exit " + child.exitValue() + ")";
    }
}
