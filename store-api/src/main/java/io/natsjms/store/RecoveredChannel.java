package io.natsjms.store;

import java.util.List;
import java.util.Objects;

/**
 * A channel brought back by recovery.
 *
 * @param channel       the live channel store (the same object {@link Store#lookupChannel} returns)
 * @param subscriptions its subscriptions with their pending sequences and the redelivery counts of
 *                      those (see {@link SubscriptionRecord}), in ID order
 */
public record RecoveredChannel(ChannelStore channel, List<SubscriptionRecord> subscriptions) {

    public RecoveredChannel {
        Objects.requireNonNull(channel, "channel");
        subscriptions = List.copyOf(subscriptions);
    }
}
