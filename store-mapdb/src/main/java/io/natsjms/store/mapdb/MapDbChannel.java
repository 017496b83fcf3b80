package io.natsjms.store.mapdb;

import io.natsjms.store.ChannelLimits;
import io.natsjms.store.ChannelStore;
import java.nio.file.Path;

/** One channel: its number (unique in the store, never reused), limits, messages and subscriptions. */
final class MapDbChannel implements ChannelStore {

    private final long number;
    private final String name;
    private final ChannelLimits limits;
    private final MapDbMessageStore messages;
    private final MapDbSubscriptionStore subscriptions;
    /** The sizes of its full segment files in {@code state.db}. */
    private final ChannelSlice<Long> segmentSizes;

    private MapDbChannel(long number, String name, ChannelLimits limits, MapDbMessageStore messages,
                         MapDbSubscriptionStore subscriptions, ChannelSlice<Long> segmentSizes) {
        this.number = number;
        this.name = name;
        this.limits = limits;
        this.messages = messages;
        this.subscriptions = subscriptions;
        this.segmentSizes = segmentSizes;
    }

    /** The directory of channel {@code number} under the data directory. */
    static Path directory(Path dataDirectory, long number) {
        return dataDirectory.resolve("channels").resolve(Long.toString(number));
    }

    /** Builds a channel from its checkpointed (or initial) meta; the segment log appends at meta.end. */
    static MapDbChannel open(StoreContext context, long number, ChannelMeta meta) {
        MapDbStoreConfig config = context.config();
        ChannelLimits limits = config.limits().forChannel(meta.name());
        String where = "state file " + context.state().file() + ", channel \"" + meta.name() + "\" (number " + number + ")";
        SegmentLog log = new SegmentLog(directory(config.directory(), number), config.segmentBytes(), meta.end(),
                context.files());
        MapDbMessageStore messages = new MapDbMessageStore(context.lock(), number, limits, context.wal(), log,
                context.state().index(number), meta, where);
        MapDbSubscriptionStore subs = new MapDbSubscriptionStore(context.lock(), meta.name(), number,
                new io.natsjms.store.LimitEnforcer(meta.name(), limits),
                context.wal(), context.state().subscriptions(number), meta.nextSubId(), context.aside(), where);
        return new MapDbChannel(number, meta.name(), limits, messages, subs, context.state().segmentSizes(number));
    }

    long number() {
        return number;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ChannelLimits limits() {
        return limits;
    }

    @Override
    public MapDbMessageStore messages() {
        return messages;
    }

    @Override
    public MapDbSubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** The sizes of the channel's full segment files: segment number → bytes (see {@link StateDb#segmentSizes}). */
    ChannelSlice<Long> segmentSizes() {
        return segmentSizes;
    }

    /** The state a checkpoint writes to MapDB. */
    ChannelMeta meta() {
        return messages.meta(subscriptions.nextId());
    }
}
