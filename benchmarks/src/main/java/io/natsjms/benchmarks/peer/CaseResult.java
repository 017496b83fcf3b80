package io.natsjms.benchmarks.peer;

import java.util.List;

/**
 * What one run of a {@link PeerCase} against one server measured.
 *
 * @param values   one value per {@link PeerCase#figures()}, in the same order
 * @param messages messages the timed part handled (published, or delivered)
 * @param cpuNanos CPU time (user + system) the server process spent during the timed part
 */
record CaseResult(List<Double> values, long messages, long cpuNanos) {

    CaseResult {
        values = List.copyOf(values);
        if (messages < 1) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 1)");
        }
        if (cpuNanos < 0) {
            throw new IllegalArgumentException("cpuNanos: " + cpuNanos + " (expected: >= 0)");
        }
    }

    /** The server's CPU time per message, in microseconds. */
    double cpuMicrosPerMessage() {
        return cpuNanos / 1_000d / messages;
    }
}
