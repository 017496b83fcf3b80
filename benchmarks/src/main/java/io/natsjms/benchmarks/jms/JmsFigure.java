package io.natsjms.benchmarks.jms;

import io.natsjms.benchmarks.LatencyResult;
import java.util.function.ToDoubleFunction;

/**
 * One row of the {@link JmsHarness} table: a number measured per provider and repetition, how it is
 * printed, and the target for the ratio natsjms ÷ Artemis ("≥ Artemis on every figure":
 * at least 1 for rates, at most 1 for the send -> receive latencies; none for the rows printed for
 * information).
 */
enum JmsFigure {

    SYNC_SEND(JmsCase.SYNC_SEND, "sync send, msgs/s", "%,.0f", Goal.AT_LEAST, null),
    ASYNC_SEND(JmsCase.ASYNC_SEND, "async send (CompletionListener), msgs/s", "%,.0f", Goal.AT_LEAST, null),
    DRAIN(JmsCase.DRAIN, "backlog drain, msgs/s", "%,.0f", Goal.AT_LEAST, null),
    RECEIVE_P50(JmsCase.LATENCY, "send→receive p50, ms", "%.2f", Goal.AT_MOST, r -> r.deliverP50() / 1000),
    RECEIVE_P99(JmsCase.LATENCY, "send→receive p99, ms", "%.2f", Goal.AT_MOST, r -> r.deliverP99() / 1000),
    RECEIVE_P999(JmsCase.LATENCY, "send→receive p99.9, ms", "%.2f", Goal.NONE, r -> r.deliverP999() / 1000),
    COMPLETION_P50(JmsCase.LATENCY, "send→completion p50, ms", "%.2f", Goal.NONE, r -> r.ackP50() / 1000),
    COMPLETION_P99(JmsCase.LATENCY, "send→completion p99, ms", "%.2f", Goal.NONE, r -> r.ackP99() / 1000),
    ACHIEVED_RATE(JmsCase.LATENCY, "latency run: achieved send rate, msgs/s", "%,.0f", Goal.NONE, LatencyResult::rate);

    /** Which way the ratio natsjms ÷ Artemis should go. */
    enum Goal { AT_LEAST, AT_MOST, NONE }

    private final JmsCase source;
    private final String label;
    private final String format;
    private final Goal goal;
    private final ToDoubleFunction<LatencyResult> fromLatency;

    JmsFigure(JmsCase source, String label, String format, Goal goal, ToDoubleFunction<LatencyResult> fromLatency) {
        this.source = source;
        this.label = label;
        this.format = format;
        this.goal = goal;
        this.fromLatency = fromLatency;
    }

    /** The case that measures this figure. */
    JmsCase source() {
        return source;
    }

    String label() {
        return label;
    }

    /** The {@link String#format} pattern of one value. */
    String format() {
        return format;
    }

    Goal goal() {
        return goal;
    }

    /** This figure's value in {@code result}; only for figures of the latency case. */
    double of(LatencyResult result) {
        if (fromLatency == null) {
            throw new IllegalStateException(name() + " is a throughput figure (expected: a latency figure)");
        }
        return fromLatency.applyAsDouble(result);
    }

    /** The throughput figure measured by {@code jmsCase}. */
    static JmsFigure rateOf(JmsCase jmsCase) {
        return switch (jmsCase) {
            case SYNC_SEND -> SYNC_SEND;
            case ASYNC_SEND -> ASYNC_SEND;
            case DRAIN -> DRAIN;
            case LATENCY -> throw new IllegalArgumentException("case latency (expected: a throughput case)");
        };
    }
}
