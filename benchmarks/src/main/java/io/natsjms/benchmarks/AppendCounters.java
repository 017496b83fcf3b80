package io.natsjms.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH secondary results of the append benchmarks: the primary score counts batches (one append
 * batch plus its sync per invocation), these count what the table needs, {@code messages} (msgs/s)
 * and {@code megabytes} (MB/s of 1 KB payloads), both as rates over the iteration time.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class AppendCounters {

    /** Messages appended and synced in this iteration. */
    public long messages;

    /** MB (10^6 bytes) of payload appended and synced in this iteration. */
    public double megabytes() {
        return Payloads.megabytesPerSecond(messages);
    }

    @Setup(Level.Iteration)
    public void reset() {
        messages = 0;
    }
}
