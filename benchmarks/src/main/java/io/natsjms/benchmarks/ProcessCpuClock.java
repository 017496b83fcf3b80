package io.natsjms.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time this JVM has used so far, all threads together (user + system), for harnesses that run the
 * server and its clients in one process and want to say how much CPU a message cost there.
 */
public final class ProcessCpuClock {

    private ProcessCpuClock() {
    }

    /** CPU time used by this process so far, in nanoseconds, or {@code -1} when the JVM cannot tell. */
    public static long nanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean platform) {
            return platform.getProcessCpuTime();
        }
        return -1;
    }

    /** CPU used since {@code start} (a value of {@link #nanos()}), or {@code -1} when either is unknown. */
    public static long since(long start) {
        long now = nanos();
        return start < 0 || now < 0 ? -1 : now - start;
    }
}
