package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.LatencyResult;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.TextMessage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Send -> receive and send -> completion latency at a fixed rate: the producer sends asynchronously
 * (CompletionListener, at most {@code window} outstanding) to the attached durable subscriber.
 * Message {@code i} is due at {@code start + i / rate} and carries that time in a property; both
 * latencies are measured from it, so a producer that falls behind is charged for the messages it
 * sends late (no coordinated omission). Messages due in the first {@code skipSeconds} are not recorded.
 */
final class FixedRateRun {

    private FixedRateRun() {
    }

    static LatencyResult run(ConnectionFactory factory, int rate, double seconds, double skipSeconds, int window)
            throws Exception {
        if (rate < 1) {
            throw new IllegalArgumentException("rate: " + rate + " (expected: >= 1)");
        }
        long total = Math.max(1, Math.round(rate * seconds));
        long skipped = Math.round(rate * skipSeconds);
        if (skipped >= total) {
            throw new IllegalArgumentException("latency skip: " + skipSeconds + " s (expected: < " + seconds + " s)");
        }
        LatencyRecorder receiveLatency = new LatencyRecorder();
        LatencyRecorder completionLatency = new LatencyRecorder();
        try (JmsClients clients = JmsClients.open(factory)) {
            Receiver receiver = new Receiver(receiveLatency);
            clients.attach(receiver);
            SendWindow sends = new SendWindow(window, completionLatency);
            long second = TimeUnit.SECONDS.toNanos(1);
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
            long firstMeasured = start + skipped * second / rate;
            receiveLatency.recordFrom(firstMeasured);
            completionLatency.recordFrom(firstMeasured);
            for (long i = 0; i < total; i++) {
                long due = start + i * second / rate;
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                TextMessage message = clients.nextMessage();
                message.setLongProperty(LatencyRecorder.DUE_PROPERTY, due);
                sends.send(clients.producer(), message);
            }
            long sendEnd = System.nanoTime();
            sends.awaitAll(total, ThroughputRuns.TIMEOUT);
            receiver.await(total, ThroughputRuns.TIMEOUT);
            double achieved = (total - skipped) * 1e9 / Math.max(1, sendEnd - firstMeasured);
            return LatencyResult.of(achieved, receiveLatency.histogram(), completionLatency.histogram());
        }
    }
}
