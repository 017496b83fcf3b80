package io.natsjms.benchmarks;

import org.HdrHistogram.Histogram;

/**
 * Latencies of one fixed-rate run in microseconds, measured from each message's intended send time.
 *
 * @param rate          the achieved publish (send) rate over the measured part, msgs/s
 * @param deliverP50    publish -> delivery, median
 * @param deliverP99    publish -> delivery, 99th percentile
 * @param deliverP999   publish -> delivery, 99.9th percentile
 * @param ackP50        publish -> acknowledgement (STAN PubAck, JMS send completion), median
 * @param ackP99        publish -> acknowledgement, 99th percentile
 * @param count         messages measured (after the skipped start)
 */
public record LatencyResult(double rate, double deliverP50, double deliverP99, double deliverP999,
                            double ackP50, double ackP99, long count) {

    /** The percentiles of two histograms of nanoseconds. */
    public static LatencyResult of(double rate, Histogram deliver, Histogram ack) {
        return new LatencyResult(rate,
                micros(deliver, 50), micros(deliver, 99), micros(deliver, 99.9),
                micros(ack, 50), micros(ack, 99), deliver.getTotalCount());
    }

    private static double micros(Histogram nanos, double percentile) {
        return nanos.getValueAtPercentile(percentile) / 1_000d;
    }
}
