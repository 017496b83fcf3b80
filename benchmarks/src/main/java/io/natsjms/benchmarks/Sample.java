package io.natsjms.benchmarks;

/**
 * One timed run: how many messages were appended and made durable, in how long.
 *
 * @param messages messages appended, all of them synced
 * @param nanos    time from the first append to the end of the last sync
 */
record Sample(long messages, long nanos) {

    Sample {
        if (messages < 0) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 0)");
        }
        if (nanos <= 0) {
            throw new IllegalArgumentException("nanos: " + nanos + " (expected: > 0)");
        }
    }

    double messagesPerSecond() {
        return messages * 1e9 / nanos;
    }

    double megabytesPerSecond() {
        return Payloads.megabytesPerSecond(messagesPerSecond());
    }
}
