package io.natsjms.benchmarks;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One timed append run of {@link StoreHarness}'s targets, for harnesses in other packages that need
 * the disk or store ceiling measured in their own run: {@code raw} (file write + fdatasync) or a store
 * provider name, {@code batch} appends per sync, in a fresh scratch directory deleted afterwards.
 */
public final class AppendCeiling {

    private AppendCeiling() {
    }

    /**
     * @param name        {@code raw} or a {@link io.natsjms.store.StoreProvider} name
     * @param options     provider options, for example {@code fsync=always} (ignored for {@code raw})
     * @param batch       appends per commit or force
     * @param seconds     how long to append
     * @param maxMessages cap on the messages of the run
     * @param directory   parent of the scratch directory
     */
    public static Sample measure(String name, Map<String, String> options, int batch, double seconds,
                                 long maxMessages, Path directory) {
        HarnessOptions harness = new HarnessOptions(seconds, 0, 1, List.of(batch),
                List.of(new AppendCase(name, options)), directory, maxMessages);
        return StoreHarness.measure(harness.cases().get(0), batch, seconds, harness);
    }
}
