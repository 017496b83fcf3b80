package io.natsjms.jms;

import io.natsjms.jms.destination.NatsChannelQueue;
import java.util.Objects;

/**
 * How a JMS queue maps onto STAN: its consumers are members of one durable queue group on the
 * queue's channel, so that they compete for its messages and messages wait while nobody consumes.
 * Consumers and browsers of a queue must use these names, since the server keys the group by them.
 */
final class QueueGroups {

    /** The durable name of every queue's group. */
    static final String DURABLE_NAME = "natsjms-queue";

    private QueueGroups() {
    }

    /** The durable name of {@code queue}'s group: {@value #DURABLE_NAME}. */
    static String durableName(NatsChannelQueue queue) {
        Objects.requireNonNull(queue, "queue");
        return DURABLE_NAME;
    }

    /** The queue group name of {@code queue}: its channel name. */
    static String group(NatsChannelQueue queue) {
        return Objects.requireNonNull(queue, "queue").getQueueName();
    }
}
