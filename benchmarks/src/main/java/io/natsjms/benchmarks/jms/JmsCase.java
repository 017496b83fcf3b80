package io.natsjms.benchmarks.jms;

import java.util.Arrays;
import java.util.List;

/** One thing {@link JmsHarness} measures, named on the command line. */
enum JmsCase {

    /** Persistent sync {@code send()} throughput, durable subscriber attached. */
    SYNC_SEND("sync-send"),
    /** Persistent async send (CompletionListener, bounded window) throughput, durable subscriber attached. */
    ASYNC_SEND("async-send"),
    /** Receive rate of a backlog sent while the durable subscriber was away. */
    DRAIN("drain"),
    /** Send -> receive latency at a fixed rate. */
    LATENCY("latency");

    /** Every case, in the default order. */
    static final List<String> DEFAULT_NAMES = Arrays.stream(values()).map(JmsCase::label).toList();

    private final String label;

    JmsCase(String label) {
        this.label = label;
    }

    /** The name on the command line. */
    String label() {
        return label;
    }

    /**
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    static JmsCase parse(String name) {
        for (JmsCase jmsCase : values()) {
            if (jmsCase.label.equals(name)) {
                return jmsCase;
            }
        }
        throw new IllegalArgumentException("case: \"" + name + "\" (expected one of: " + String.join(", ", DEFAULT_NAMES)
                + ")");
    }
}
