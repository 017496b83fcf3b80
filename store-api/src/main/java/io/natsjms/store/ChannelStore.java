package io.natsjms.store;

/** One channel of a {@link Store}: its name, its effective limits, its messages and subscriptions. */
public interface ChannelStore {

    String name();

    /** The limits in force for this channel, resolved from the store limits and overrides. */
    ChannelLimits limits();

    MessageStore messages();

    SubscriptionStore subscriptions();
}
