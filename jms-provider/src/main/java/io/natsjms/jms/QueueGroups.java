package io.natsjms.jms;

import io.natsjms.jms.destination.StanQueue;

/**
 * How a JMS queue maps onto STAN: its channel is consumed through one durable queue group, so that
 * consumers compete and messages wait while there is none.
 */
public final class QueueGroups {

    /** The durable name of every queue's group. */
    public static final String DURABLE_NAME = "natsjms-queue";

    private QueueGroups() {
    }

    /** The durable name of {@code queue}'s group. */
    public static String durableName(StanQueue queue) {
        return DURABLE_NAME;
    }

    /** The queue group of {@code queue}: its channel name. */
    public static String group(StanQueue queue) {
        return queue.name();
    }
}
