package io.natsjms.ra;

import jakarta.jms.Topic;

/** The administered {@link Topic} of the adapter (admin object {@code jakarta.jms.Topic}, property {@code name}). */
public class NatsTopic extends AdminDestination implements Topic {

    private static final long serialVersionUID = 1L;

    /** The configured name: the channel with its options. */
    @Override
    public String getTopicName() {
        return getName();
    }
}
