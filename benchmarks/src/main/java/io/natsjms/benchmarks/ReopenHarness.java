package io.natsjms.benchmarks;

import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.Store;
import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import io.natsjms.store.StoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Fills a store with N 1 KB messages in one channel, closes it, then times opening it again plus
 * {@link Store#recover()} (the server's start-up cost) several times and prints median [min–max].
 * Each reopen checks that the channel came back with all N messages.
 *
 * <p>Usage: see {@link ReopenOptions#USAGE}.
 */
public final class ReopenHarness {

    private ReopenHarness() {
    }

    public static void main(String[] args) {
        Optional<ReopenOptions> options = HarnessArguments.parseOrExit(args, ReopenOptions.USAGE, ReopenOptions::parse);
        if (options.isPresent()) {
            System.out.println(run(options.get()));
        }
    }

    static String run(ReopenOptions options) {
        String before = MachineLoad.describe(options.directory());
        System.err.println("ReopenHarness: " + before);
        try (ScratchDirectory scratch = ScratchDirectory.create(options.directory(), options.store() + "-reopen")) {
            Sample fill;
            try (StoreTarget target = new StoreTarget(options.store(), scratch.path(), options.fillOptions())) {
                fill = AppendLoop.run(target, options.batch(), Long.MAX_VALUE, options.messages());
            }
            long bytes = scratch.sizeBytes();
            System.err.printf(Locale.ROOT, "filled %,d msgs at %,.0f msgs/s, %,d bytes on disk%n",
                    fill.messages(), fill.messagesPerSecond(), bytes);
            List<Double> openMillis = new ArrayList<>();
            List<Double> recoverMillis = new ArrayList<>();
            List<Double> totalMillis = new ArrayList<>();
            StoreConfig config = new StoreConfig(scratch.path(), StoreLimits.unlimited(), options.reopenOptions());
            for (int i = 0; i < options.reopens(); i++) {
                long start = System.nanoTime();
                try (Store store = StoreProvider.named(options.store()).open(config)) {
                    long opened = System.nanoTime();
                    Optional<RecoveredState> state = store.recover();
                    long recovered = System.nanoTime();
                    requireAll(state, fill.messages(), options.store());
                    openMillis.add((opened - start) / 1e6);
                    recoverMillis.add((recovered - opened) / 1e6);
                    totalMillis.add((recovered - start) / 1e6);
                }
                System.err.printf(Locale.ROOT, "reopen %d: %.1f ms%n", i + 1, totalMillis.get(i));
            }
            return String.format(Locale.ROOT, """
                    ReopenHarness: store %s, %,d x 1 KB msgs in one channel (filled in batches of %d with %s \
                    at %,.0f msgs/s; %,d bytes on disk, %.0f bytes/msg), reopened with %s
                    before: %s

                    | measure | median [min–max] (n=%d) |
                    |---|---:|
                    | open (provider.open) | %s ms |
                    | recover() | %s ms |
                    | open + recover() | %s ms |

                    after: load average %s
                    """,
                    options.store(), fill.messages(), options.batch(), options.fillOptions(),
                    fill.messagesPerSecond(), bytes, (double) bytes / fill.messages(),
                    options.reopenOptions().isEmpty() ? "the store's default options" : options.reopenOptions(),
                    before, options.reopens(),
                    Summary.of(openMillis).format("%,.2f"), Summary.of(recoverMillis).format("%,.2f"),
                    Summary.of(totalMillis).format("%,.2f"), MachineLoad.now());
        }
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
    }
}
