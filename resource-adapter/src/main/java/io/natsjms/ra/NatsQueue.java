package io.natsjms.ra;

import jakarta.jms.Queue;

/** The administered {@link Queue} of the adapter (admin object {@code jakarta.jms.Queue}, property {@code name}). */
public class NatsQueue extends AdminDestination implements Queue {

    private static final long serialVersionUID = 1L;

    /** The configured name: the channel with its options. */
    @Override
    public String getQueueName() {
        return getName();
    }
}
