package io.natsjms.benchmarks;

/**
 * One timed run: how many messages were completed (appended and synced, acknowledged, or delivered),
 * in how long.
 *
 * @param messages messages completed; for appends, all of them synced
 * @param nanos    time from the first message to the completion of the last one
 */
public record Sample(long messages, long nanos) {

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

    public double megabytesPerSecond() {
        return Payloads.megabytesPerSecond(messagesPerSecond());
    }
}
