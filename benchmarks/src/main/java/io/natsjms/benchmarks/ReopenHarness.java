package io.natsjms.benchmarks;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Fills a store with N 1 KB messages in one channel, closes it, then times opening it again plus
 * {@link io.natsjms.store.Store#recover()} (the server's start-up cost) several times and prints
 * median [min–max]. Each reopen checks that the channel came back with all N messages.
 *
 * <p>With {@code --crash true} a child JVM ({@link CrashFill}) fills the store and halts after its
 * last commit without closing it; each repetition then reopens a fresh copy of that crashed
 * directory (timed) and, right after, the same directory once more now that it was closed cleanly,
 * so the two are paired within the repetition.
 *
 * <p>Usage: see {@link ReopenOptions#USAGE}.
 */
public final class ReopenHarness {

    private ReopenHarness() {
    }

    public static void main(String[] args) {
        Optional<ReopenOptions> options = HarnessArguments.parseOrExit(args, ReopenOptions.USAGE, ReopenOptions::parse);
        if (options.isPresent()) {
            System.out.println(options.get().crash() ? runCrash(options.get()) : run(options.get()));
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
            List<TimedReopen> reopens = new ArrayList<>();
            StoreConfig config = new StoreConfig(scratch.path(), StoreLimits.unlimited(), options.reopenOptions());
            for (int i = 0; i < options.reopens(); i++) {
                reopens.add(TimedReopen.run(options.store(), config, fill.messages()));
                System.err.printf(Locale.ROOT, "reopen %d: %.1f ms%n", i + 1, reopens.get(i).totalMillis());
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
                    fill.messagesPerSecond(), bytes, (double) bytes / fill.messages(), reopenedWith(options),
                    before, options.reopens(), format(reopens, TimedReopen::openMillis),
                    format(reopens, TimedReopen::recoverMillis), format(reopens, TimedReopen::totalMillis),
                    MachineLoad.now());
        }
    }

    static String runCrash(ReopenOptions options) {
        String before = MachineLoad.describe(options.directory());
        System.err.println("ReopenHarness --crash: " + before);
        try (ScratchDirectory scratch = ScratchDirectory.create(options.directory(), options.store() + "-crash")) {
            Path crashed = scratch.path().resolve("crashed");
            Sample fill = CrashFill.run(options.store(), crashed, options.messages(), options.batch(),
                    options.fillOptions());
            long bytes = scratch.sizeBytes();
            System.err.printf(Locale.ROOT, "filled %,d msgs at %,.0f msgs/s in a child JVM that then halted, %,d bytes"
                    + " on disk%n", fill.messages(), fill.messagesPerSecond(), bytes);
            TimedReopen firstInJvm = firstOpenInThisJvm(options, scratch.path().resolve("empty"));
            List<TimedReopen> crashes = new ArrayList<>();
            List<TimedReopen> cleans = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < options.reopens(); i++) {
                try (ScratchDirectory copy = ScratchDirectory.create(scratch.path(), "copy")) {
                    copyTree(crashed, copy.path());
                    StoreConfig config = new StoreConfig(copy.path(), StoreLimits.unlimited(), options.reopenOptions());
                    TimedReopen crash = TimedReopen.run(options.store(), config, fill.messages());
                    TimedReopen clean = TimedReopen.run(options.store(), config, fill.messages());
                    crashes.add(crash);
                    cleans.add(clean);
                    ratios.add(crash.totalMillis() / clean.totalMillis());
                    System.err.printf(Locale.ROOT, "reopen %d: after the crash %.1f ms (CPU %.1f ms), then clean %.1f ms%n",
                            i + 1, crash.totalMillis(), crash.cpuMillis(), clean.totalMillis());
                }
            }
            return String.format(Locale.ROOT, """
                    ReopenHarness --crash: store %s, %,d x 1 KB msgs in one channel (filled in batches of %d with %s \
                    at %,.0f msgs/s by a child JVM that halted after its last commit; %,d bytes on disk), reopened \
                    with %s
                    before: %s
                    first open in this JVM (an empty store: class loading): %.1f ms

                    | measure (n=%d) | after the crash: median [min–max] | clean, same copy right after |
                    |---|---:|---:|
                    | open (provider.open) | %s ms | %s ms |
                    | recover() | %s ms | %s ms |
                    | open + recover() | %s ms | %s ms |
                    | open + recover(): CPU time of the process | %s ms | %s ms |

                    open + recover() after the crash ÷ clean, paired per repetition: %s
                    after: load average %s
                    """,
                    options.store(), fill.messages(), options.batch(), options.fillOptions(), fill.messagesPerSecond(),
                    bytes, reopenedWith(options), before, firstInJvm.totalMillis(), options.reopens(),
                    format(crashes, TimedReopen::openMillis), format(cleans, TimedReopen::openMillis),
                    format(crashes, TimedReopen::recoverMillis), format(cleans, TimedReopen::recoverMillis),
                    format(crashes, TimedReopen::totalMillis), format(cleans, TimedReopen::totalMillis),
                    format(crashes, TimedReopen::cpuMillis), format(cleans, TimedReopen::cpuMillis),
                    Summary.of(ratios).format(Summary.ratioFormat(ratios)), MachineLoad.now());
        }
    }

    /**
     * Opens an empty store once, so that loading the store's classes (MapDB, Kotlin: hundreds of
     * milliseconds in a fresh JVM) is not in the first timed reopen; its time is printed apart.
     */
    private static TimedReopen firstOpenInThisJvm(ReopenOptions options, Path directory) {
        StoreConfig config = new StoreConfig(directory, StoreLimits.unlimited(), options.reopenOptions());
        long start = System.nanoTime();
        try (var store = io.natsjms.store.StoreProvider.named(options.store()).open(config)) {
            long opened = System.nanoTime();
            store.recover();
            return new TimedReopen((opened - start) / 1e6, (System.nanoTime() - opened) / 1e6);
        }
    }

    private static String reopenedWith(ReopenOptions options) {
        return options.reopenOptions().isEmpty() ? "the store's default options" : options.reopenOptions().toString();
    }

    private static String format(List<TimedReopen> reopens, java.util.function.ToDoubleFunction<TimedReopen> measure) {
        return Summary.of(reopens.stream().map(measure::applyAsDouble).toList()).format("%,.2f");
    }

    private static void copyTree(Path source, Path target) {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path to = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
    }
}
