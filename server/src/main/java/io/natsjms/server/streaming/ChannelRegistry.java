package io.natsjms.server.streaming;

import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.store.Store;
import io.natsjms.store.StoreException;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The engine's channels, created lazily on first publish or subscribe. Owned by the engine loop. */
final class ChannelRegistry {

    private static final System.Logger LOG = System.getLogger(ChannelRegistry.class.getName());

    private final Store store;
    private final Map<String, Channel> byName = new LinkedHashMap<>();
    /** Channel names by their lower-case form: names that differ only by case can't coexist. */
    private final Map<String, String> byLowerCase = new HashMap<>();

    ChannelRegistry(Store store) {
        this.store = store;
    }

    Channel get(String name) {
        return byName.get(name);
    }

    Collection<Channel> all() {
        return byName.values();
    }

    /**
     * The channel with this (valid) name, created if needed.
     *
     * @throws RequestRejected with the wire error for too many channels or a case clash
     */
    Channel getOrCreate(String name) throws RequestRejected {
        Channel channel = byName.get(name);
        if (channel != null) {
            return channel;
        }
        String existing = byLowerCase.get(name.toLowerCase(Locale.ROOT));
        if (existing != null) {
            throw new RequestRejected(ProtocolErrors.channelCaseClash(name, existing));
        }
        try {
            channel = new Channel(store.createChannel(name));
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.TOO_MANY_CHANNELS) {
                throw new RequestRejected(ProtocolErrors.TOO_MANY_CHANNELS);
            }
            throw new RequestRejected(e.getMessage());
        }
        add(channel);
        LOG.log(Level.DEBUG, () -> "Channel \"" + name + "\" has been created");
        return channel;
    }

    /** Adds a channel that already exists in the store (recovery). */
    void add(Channel channel) {
        byName.put(channel.name, channel);
        byLowerCase.put(channel.name.toLowerCase(Locale.ROOT), channel.name);
    }

    /** Removes a channel with all its messages and subscriptions. */
    void delete(Channel channel) {
        byName.remove(channel.name);
        byLowerCase.remove(channel.name.toLowerCase(Locale.ROOT));
        store.deleteChannel(channel.name);
        LOG.log(Level.INFO, () -> "Channel \"" + channel.name + "\" has been deleted");
    }
}
