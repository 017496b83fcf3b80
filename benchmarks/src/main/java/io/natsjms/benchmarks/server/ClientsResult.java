package io.natsjms.benchmarks.server;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * The latencies of one {@link ClientsRun}, in milliseconds, each measured from the message's
 * intended send time.
 *
 * @param ackP50     publish -> PubAck, median
 * @param ackP90     publish -> PubAck, 90th percentile
 * @param ackP99     publish -> PubAck, 99th percentile
 * @param ackMax     publish -> PubAck, the slowest
 * @param deliverP99 publish -> delivery to the channel's durable subscriber, 99th percentile
 * @param diskP99    one {@code fdatasync} on the data directory's disk at the same time
 *                   ({@link FsyncProbe}), 99th percentile
 * @param count      PubAcks measured (after the skipped start)
 */
record ClientsResult(double ackP50, double ackP90, double ackP99, double ackMax, double deliverP99, double diskP99,
                     long count) {

    /** A figure of the result, with its column title. */
    record Figure(String title, ToDoubleFunction<ClientsResult> value) {
    }

    /** The figures the harness tabulates, in column order. */
    static final List<Figure> FIGURES = List.of(
            new Figure("ack p50", ClientsResult::ackP50),
            new Figure("ack p90", ClientsResult::ackP90),
            new Figure("ack p99", ClientsResult::ackP99),
            new Figure("ack max", ClientsResult::ackMax),
            new Figure("deliver p99", ClientsResult::deliverP99),
            new Figure("disk fdatasync p99", ClientsResult::diskP99));

    /** The percentiles of two histograms of nanoseconds, and the disk's from the probe. */
    static ClientsResult of(Histogram ack, Histogram deliver, double diskP99) {
        return new ClientsResult(millis(ack.getValueAtPercentile(50)), millis(ack.getValueAtPercentile(90)),
                millis(ack.getValueAtPercentile(99)), millis(ack.getMaxValue()),
                millis(deliver.getValueAtPercentile(99)), diskP99, ack.getTotalCount());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
