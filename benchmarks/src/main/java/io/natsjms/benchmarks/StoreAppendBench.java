package io.natsjms.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Appends 1 KB messages to one channel of a store opened through
 * {@link io.natsjms.store.StoreProvider#named(String)} and commits after every {@code batch}
 * appends. Read the {@code messages} and {@code megabytes} secondary results (msgs/s, MB/s); the
 * primary score is commits/s. Each iteration gets a fresh store in a fresh directory, deleted after
 * it, so the memory store's heap does not grow across iterations.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class StoreAppendBench {

    @Param({"memory", "mapdb"})
    public String store;

    @Param({"1", "100", "1000"})
    public int batch;

    /** The {@code fsync} option given to the {@code mapdb} store (other stores get no option). */
    @Param({"always"})
    public String fsync;

    private ScratchDirectory scratch;
    private AppendTarget target;

    @Setup(Level.Iteration)
    public void open() {
        scratch = ScratchDirectory.create(store);
        Map<String, String> options = store.equals("mapdb") ? Map.of("fsync", fsync) : Map.of();
        target = new StoreTarget(store, scratch.path(), options);
    }

    @Benchmark
    public void appendBatch(AppendCounters counters) {
        for (int i = 0; i < batch; i++) {
            target.append();
        }
        target.sync();
        counters.messages += batch;
    }

    @TearDown(Level.Iteration)
    public void close() {
        try {
            target.close();
        } finally {
            scratch.close();
        }
    }
}
