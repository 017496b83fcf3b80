package io.natsjms.benchmarks;

import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreProvider;
import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * One timed start-up of a store: {@code provider.open} and {@link Store#recover()}, then (outside
 * the timing) the check that the channel of {@link StoreTarget} came back with every message.
 *
 * @param openMillis    time in {@code provider.open}
 * @param recoverMillis time in {@code recover()}
 * @param cpuMillis     CPU time the whole process used meanwhile (every thread, the GC's too): on a
 *                      machine other work shares, less noisy than the elapsed time; -1 if unknown
 */
record TimedReopen(double openMillis, double recoverMillis, double cpuMillis) {

    TimedReopen(double openMillis, double recoverMillis) {
        this(openMillis, recoverMillis, -1);
    }

    double totalMillis() {
        return openMillis + recoverMillis;
    }

    /**
     * Opens the store in {@code config}, recovers it, checks it holds messages 1 to {@code messages}
     * and closes it.
     *
     * @throws IllegalStateException if the channel or any message did not come back
     */
    static TimedReopen run(String storeName, StoreConfig config, long messages) {
        long cpuStart = processCpuNanos();
        long start = System.nanoTime();
        try (Store store = StoreProvider.named(storeName).open(config)) {
            long opened = System.nanoTime();
            Optional<RecoveredState> state = store.recover();
            long recovered = System.nanoTime();
            long cpuEnd = processCpuNanos();
            requireAll(state, messages, storeName);
            return new TimedReopen((opened - start) / 1e6, (recovered - opened) / 1e6,
                    cpuStart < 0 || cpuEnd < 0 ? -1 : (cpuEnd - cpuStart) / 1e6);
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static void requireAll(Optional<RecoveredState> state, long messages, String store) {
        RecoveredChannel channel = state.map(s -> s.channels().get(StoreTarget.CHANNEL)).orElse(null);
        if (channel == null) {
            throw new IllegalStateException(store + ": channel " + StoreTarget.CHANNEL
                    + " not recovered (expected: " + messages + " messages)");
        }
        long last = channel.channel().messages().lastSequence();
        long count = channel.channel().messages().stats().count();
        if (last != messages || count != messages) {
            throw new IllegalStateException(store + ": recovered last sequence " + last + ", count " + count
                    + " (expected: " + messages + ")");
        }
        if (channel.channel().messages().lookup(messages) == null) {
            throw new IllegalStateException(store + ": message " + messages + " cannot be read back");
        }
    }
}
