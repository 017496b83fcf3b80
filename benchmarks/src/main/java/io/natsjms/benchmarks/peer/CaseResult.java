package io.natsjms.benchmarks.peer;

import java.util.List;
import java.util.Objects;

/**
 * What one run of a {@link PeerCase} against one server measured.
 *
 * @param values   one value per {@link PeerCase#figures()}, in the same order
 * @param messages messages the timed part handled (published, or delivered)
 * @param cpu      CPU time the server process spent during the timed part
 */
record CaseResult(List<Double> values, long messages, CpuTime cpu) {

    CaseResult {
        values = List.copyOf(values);
        if (messages < 1) {
            throw new IllegalArgumentException("messages: " + messages + " (expected: >= 1)");
        }
        Objects.requireNonNull(cpu, "cpu");
    }

    /** The server's CPU time per message, in microseconds. */
    double cpuMicrosPerMessage() {
        return cpu.total() / 1_000d / messages;
    }

    /** As {@link #cpuMicrosPerMessage()}, without the JIT compiler threads. */
    double cpuMicrosPerMessageWithoutCompiler() {
        return (cpu.total() - cpu.compiler()) / 1_000d / messages;
    }
}
