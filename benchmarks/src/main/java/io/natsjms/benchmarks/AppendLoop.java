package io.natsjms.benchmarks;

/**
 * The timed loop shared by the harnesses: {@code batch} appends then one sync, repeated until the
 * time is up or the message cap is reached. The run always ends on a sync, so every counted message
 * is durable.
 */
final class AppendLoop {

    private AppendLoop() {
    }

    /**
     * @param target      where to append
     * @param batch       appends per sync, at least 1
     * @param nanos       how long to run, at least 1 ns
     * @param maxMessages stop after this many messages even if time is left (bounds memory and disk)
     */
    static Sample run(AppendTarget target, int batch, long nanos, long maxMessages) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch: " + batch + " (expected: >= 1)");
        }
        if (nanos < 1) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: >= 1)");
        }
        long messages = 0;
        long cpu = ProcessCpuClock.nanos();
        long start = System.nanoTime();
        long deadline = start + nanos;
        long now = start;
        while (now - deadline < 0 && messages < maxMessages) {
            for (int i = 0; i < batch; i++) {
                target.append();
            }
            target.sync();
            messages += batch;
            now = System.nanoTime();
        }
        return new Sample(messages, now - start, ProcessCpuClock.since(cpu));
    }
}
