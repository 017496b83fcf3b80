package io.natsjms.benchmarks.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Records, for each message of a fixed-rate run, the time from its intended send time (carried in
 * the long property {@value #DUE_PROPERTY}, a {@link System#nanoTime()} value of this JVM) to now, in
 * nanoseconds. Messages due before {@link #recordFrom} are not recorded (the run's settling time).
 */
final class LatencyRecorder {

    /** The message property carrying the intended send time. */
    static final String DUE_PROPERTY = "benchDueNanos";

    private static final long HIGHEST_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Histogram histogram = new Histogram(HIGHEST_NANOS, 3);
    private volatile long from = Long.MAX_VALUE;

    /** Records messages due at or after {@code nanos} from now on. */
    void recordFrom(long nanos) {
        from = nanos;
    }

    /** Records {@code now} minus the message's intended send time, unless it was due before the start. */
    void record(Message message, long now) throws JMSException {
        long due = message.getLongProperty(DUE_PROPERTY);
        if (due >= from) {
            synchronized (histogram) {
                histogram.recordValue(Math.min(Math.max(0, now - due), HIGHEST_NANOS));
            }
        }
    }

    /** A copy of what was recorded. */
    Histogram histogram() {
        synchronized (histogram) {
            return histogram.copy();
        }
    }
}
