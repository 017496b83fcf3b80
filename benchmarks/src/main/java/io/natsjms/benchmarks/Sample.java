package io.natsjms.benchmarks;

/**
 * One timed run: how many messages were completed (appended and synced, acknowledged, or delivered),
 * in how long.
 *
 * @param messages messages completed; for appends, all of them synced
 * @param nanos    time from the first message to the completion of the last one
 * @param cpuNanos CPU time the whole process used meanwhile (all threads), or {@code -1} when not measured
 */
public record Sample(long messages, long nanos, long cpuNanos) {

    /** A sample whose CPU time was not measured. */
    public Sample(long messages, long nanos) {
        this(messages, nanos, -1);
    }

    public Sample {
        if (messages < 0) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 0)");
        }
        if (nanos <= 0) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: > 0)");
        }
    }

    public double messagesPerSecond() {
        return messages * 1e9 / nanos;
    }

    /** CPU microseconds the process used per message, or {@code NaN} when not measured. */
    public double cpuMicrosPerMessage() {
        return cpuNanos < 0 || messages == 0 ? Double.NaN : cpuNanos / 1e3 / messages;
    }

    public double megabytesPerSecond() {
        return Payloads.megabytesPerSecond(messagesPerSecond());
    }
}
