package io.natsjms.store;

import io.natsjms.protocol.ChannelNames;

/** The checks every store makes before it creates a channel, in the order the SPI documents. */
public final class ChannelAdmission {

    private ChannelAdmission() {
    }

    /**
     * Checks that a channel named {@code name} may be created.
     *
     * @param limits   the store's limits
     * @param name     the requested name
     * @param exists   whether the store holds a channel with exactly this name
     * @param channels how many channels the store holds now
     * @throws IllegalArgumentException if {@code name} is not a valid literal channel name
     * @throws StoreException {@code ALREADY_EXISTS} or {@code TOO_MANY_CHANNELS}, naming the channel
     */
    public static void check(StoreLimits limits, String name, boolean exists, int channels) {
        ChannelNames.requireValid(name);
        if (exists) {
            throw new StoreException(StoreException.Reason.ALREADY_EXISTS,
                    "channel \"" + name + "\" already exists");
        }
        int max = limits.maxChannels();
        if (max > 0 && channels >= max) {
            throw new StoreException(StoreException.Reason.TOO_MANY_CHANNELS,
                    "too many channels: cannot create channel \"" + name + "\", the store holds "
                            + channels + " (max_channels: " + max + ")");
        }
    }
}
