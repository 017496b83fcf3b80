package io.natsjms.benchmarks;

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
 * The raw ceiling of the disk for {@link StoreAppendBench}: {@code FileChannel.write} of 1 KB at the
 * end of a growing file and {@code force(false)} after every {@code batch} writes. Same units
 * ({@code messages} = msgs/s, {@code megabytes} = MB/s) so store / raw ratios can be formed; for
 * ratios measured back to back, use {@link StoreHarness}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class RawFsyncBench {

    @Param({"1", "100", "1000"})
    public int batch;

    private ScratchDirectory scratch;
    private AppendTarget target;

    @Setup(Level.Iteration)
    public void open() {
        scratch = ScratchDirectory.create(RawFileTarget.NAME);
        target = new RawFileTarget(scratch.path());
    }

    @Benchmark
    public void writeBatch(AppendCounters counters) {
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
