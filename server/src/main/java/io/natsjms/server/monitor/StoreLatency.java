package io.natsjms.server.monitor;

import io.natsjms.store.StoreTimings;
import io.prometheus.metrics.core.metrics.Histogram;

/**
 * The store's commit and fsync durations as Prometheus histograms. Hand it to the store (it is the
 * {@link StoreTimings} the store reports to) and to the {@link MonitorServer}, which exposes it on
 * {@code /metrics}.
 */
public final class StoreLatency implements StoreTimings {

    /** Upper bounds in seconds, 50 µs to 10 s: a fast SSD's fsync to a disk that is struggling. */
    private static final double[] BOUNDS = {0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
        0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    private static final double NANOS_PER_SECOND = 1e9;

    final Histogram commits = Histogram.builder()
            .name("natsjms_store_commit_duration_seconds")
            .help("Duration of the store's commits that wrote something, their fsync included")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .build();
    final Histogram fsyncs = Histogram.builder()
            .name("natsjms_store_fsync_duration_seconds")
            .help("Duration of forcing the store's files to disk (fsync)")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .build();

    @Override
    public void record(Kind kind, long nanos) {
        (kind == Kind.COMMIT ? commits : fsyncs).observe(nanos / NANOS_PER_SECOND);
    }
}
