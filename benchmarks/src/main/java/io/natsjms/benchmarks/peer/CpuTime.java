package io.natsjms.benchmarks.peer;

/**
 * CPU time (user + system) of a server's process so far, in nanoseconds, and how much of it its JIT
 * compiler threads spent (0 for a server without them).
 *
 * @param total    every thread of the process and of its descendants
 * @param compiler the threads named {@code C1 CompilerThread*} or {@code C2 CompilerThread*}
 */
record CpuTime(long total, long compiler) {

    CpuTime {
        if (total < 0 || compiler < 0 || compiler > total) {
            throw new IllegalArgumentException("cpu time: total " + total + ", compiler " + compiler
                    + " (expected: 0 <= compiler <= total)");
        }
    }

    /**
     * What was spent since {@code earlier}. The JVM ends compiler threads it no longer needs, and the time
     * of an ended thread stays in the process's total but leaves the sum over its live threads, so the
     * compiler share may shrink: it is kept between 0 and the total then (an undercount of the compilers).
     */
    CpuTime since(CpuTime earlier) {
        long spent = total - earlier.total;
        return new CpuTime(spent, Math.max(0, Math.min(spent, compiler - earlier.compiler)));
    }
}
