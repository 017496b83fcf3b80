package io.natsjms.store.mapdb;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreLimits;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The configuration of a MapDB store, parsed from the options of a {@link StoreConfig}.
 *
 * @param directory            the data directory (created if missing)
 * @param limits               the limits to enforce
 * @param fsync                when files are forced to disk (option {@code fsync})
 * @param fsyncIntervalMillis  period of the background sync under {@link FsyncPolicy#INTERVAL}
 *                             (option {@code fsync.interval.ms})
 * @param segmentBytes         a message segment file is rotated once it reaches this size
 *                             (option {@code segment.bytes})
 * @param checkpointBytes      a checkpoint runs once this many bytes were logged since the last one
 *                             (option {@code checkpoint.bytes})
 * @param checkpointIntervalMillis a checkpoint runs at a commit at least this long after the last one
 *                             (option {@code checkpoint.interval.ms})
 */
public record MapDbStoreConfig(Path directory, StoreLimits limits, FsyncPolicy fsync, long fsyncIntervalMillis,
                               long segmentBytes, long checkpointBytes, long checkpointIntervalMillis) {

    /** Option key of the fsync policy. */
    public static final String FSYNC = "fsync";
    /** Option key of the background sync period. */
    public static final String FSYNC_INTERVAL_MS = "fsync.interval.ms";
    /** Option key of the segment size. */
    public static final String SEGMENT_BYTES = "segment.bytes";
    /** Option key of the checkpoint size trigger. */
    public static final String CHECKPOINT_BYTES = "checkpoint.bytes";
    /** Option key of the checkpoint time trigger. */
    public static final String CHECKPOINT_INTERVAL_MS = "checkpoint.interval.ms";

    public static final FsyncPolicy DEFAULT_FSYNC = FsyncPolicy.ALWAYS;
    public static final long DEFAULT_FSYNC_INTERVAL_MS = 1000;
    public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_CHECKPOINT_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_CHECKPOINT_INTERVAL_MS = 60_000;

    private static final Set<String> KEYS = Set.of(FSYNC, FSYNC_INTERVAL_MS, SEGMENT_BYTES, CHECKPOINT_BYTES,
            CHECKPOINT_INTERVAL_MS);

    public MapDbStoreConfig {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(fsync, "fsync");
        requireAtLeast(FSYNC_INTERVAL_MS, fsyncIntervalMillis, 1);
        requireAtLeast(SEGMENT_BYTES, segmentBytes, 4096);
        requireAtLeast(CHECKPOINT_BYTES, checkpointBytes, 1);
        requireAtLeast(CHECKPOINT_INTERVAL_MS, checkpointIntervalMillis, 1);
        if (segmentBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(SEGMENT_BYTES + ": " + segmentBytes + " (expected: <= " + Integer.MAX_VALUE + ")");
        }
    }

    /** The defaults for {@code directory}. */
    public static MapDbStoreConfig defaults(Path directory, StoreLimits limits) {
        return new MapDbStoreConfig(directory, limits, DEFAULT_FSYNC, DEFAULT_FSYNC_INTERVAL_MS,
                DEFAULT_SEGMENT_BYTES, DEFAULT_CHECKPOINT_BYTES, DEFAULT_CHECKPOINT_INTERVAL_MS);
    }

    /**
     * Parses the options of {@code config}.
     *
     * @throws IllegalArgumentException naming the option and the bad value, or an unknown option
     */
    public static MapDbStoreConfig from(StoreConfig config) {
        if (config.directory() == null) {
            throw new IllegalArgumentException("directory: null (expected: the data directory of the mapdb store)");
        }
        Map<String, String> options = config.options();
        for (String key : options.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException("mapdb option \"" + key + "\" is unknown (expected one of: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        return new MapDbStoreConfig(config.directory(), config.limits(),
                config.option(FSYNC).map(FsyncPolicy::parse).orElse(DEFAULT_FSYNC),
                longOption(options, FSYNC_INTERVAL_MS, DEFAULT_FSYNC_INTERVAL_MS),
                longOption(options, SEGMENT_BYTES, DEFAULT_SEGMENT_BYTES),
                longOption(options, CHECKPOINT_BYTES, DEFAULT_CHECKPOINT_BYTES),
                longOption(options, CHECKPOINT_INTERVAL_MS, DEFAULT_CHECKPOINT_INTERVAL_MS));
    }

    private static long longOption(Map<String, String> options, String key, long defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": \"" + value + "\" (expected: a whole number)", e);
        }
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(key + ": " + value + " (expected: >= " + min + ")");
        }
    }
}
