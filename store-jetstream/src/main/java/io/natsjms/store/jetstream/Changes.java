package io.natsjms.store.jetstream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed in the state bucket's view since the last commit: keys to write, in the order they
 * changed. Values of channels and subscriptions are taken when the commit writes them (a subscription
 * changed a hundred times is written once).
 */
final class Changes {

    /** Server info and clients: key → value, {@code null} to delete; guarded by this. */
    private final Map<String, byte[]> values = new LinkedHashMap<>();
    /**
     * Entries written after everything else of a commit, in the order they were last changed
     * (prepared transaction branches and their chunks): key → value, {@code null} to delete;
     * guarded by this.
     */
    private final Map<String, byte[]> last = new LinkedHashMap<>();
    /** Channels whose entry must be written; guarded by this. */
    private final Set<JetStreamChannelStore> channels = new LinkedHashSet<>();
    /** Subscriptions whose entry must be written; guarded by this. */
    private final Set<SubscriptionKey> subscriptions = new LinkedHashSet<>();
    /** Channels deleted since the last commit; guarded by this. */
    private final List<JetStreamChannelStore> deleted = new ArrayList<>();

    /** A subscription of a channel. */
    record SubscriptionKey(JetStreamChannelStore channel, long subId) {
        String key() {
            return "sub." + channel.id() + "." + subId;
        }
    }

    /** One commit's worth of changes. */
    record Batch(Map<String, byte[]> values, List<JetStreamChannelStore> channels,
                 List<SubscriptionKey> subscriptions, List<JetStreamChannelStore> deleted, Map<String, byte[]> last) {

        boolean isEmpty() {
            return values.isEmpty() && channels.isEmpty() && subscriptions.isEmpty() && deleted.isEmpty()
                    && last.isEmpty();
        }
    }

    synchronized void put(String key, byte[] value) {
        values.put(key, value);
    }

    /**
     * Records an entry that the commit writes after every other one (after the subscriptions, so
     * after the acknowledgements of the same commit), and after every entry changed before it.
     */
    synchronized void putLast(String key, byte[] value) {
        last.remove(key);
        last.put(key, value);
    }

    synchronized void channelChanged(JetStreamChannelStore channel) {
        channels.add(channel);
    }

    synchronized void subscriptionChanged(JetStreamChannelStore channel, long subId) {
        subscriptions.add(new SubscriptionKey(channel, subId));
    }

    /**
     * A deleted channel: its entry and every subscription entry it may have in the bucket go too.
     *
     * @param held the IDs of the subscriptions the channel held when it was deleted (taken by the
     *             caller, outside this object's monitor)
     */
    synchronized void channelDeleted(JetStreamChannelStore channel, List<Long> held) {
        Set<Long> subIds = new java.util.TreeSet<>(held);
        subscriptions.removeIf(s -> s.channel() == channel && subIds.add(s.subId()));
        for (long subId : subIds) {
            values.put(new SubscriptionKey(channel, subId).key(), null);
        }
        values.put(channel.key(), null);
        channels.remove(channel);
        deleted.add(channel);
    }

    /** Takes every change made so far. */
    synchronized Batch take() {
        Batch batch = new Batch(new LinkedHashMap<>(values), new ArrayList<>(channels),
                new ArrayList<>(subscriptions), new ArrayList<>(deleted), new LinkedHashMap<>(last));
        values.clear();
        last.clear();
        channels.clear();
        subscriptions.clear();
        deleted.clear();
        return batch;
    }

    /** Puts back a batch that could not be written, before anything changed since. */
    synchronized void putBack(Batch batch) {
        Map<String, byte[]> newer = new LinkedHashMap<>(values);
        values.clear();
        values.putAll(batch.values());
        values.putAll(newer);
        Map<String, byte[]> newerLast = new LinkedHashMap<>(last);
        last.clear();
        last.putAll(batch.last());
        last.keySet().removeAll(newerLast.keySet());
        last.putAll(newerLast); // a newer change keeps its place after the older ones
        Set<JetStreamChannelStore> newerChannels = new LinkedHashSet<>(channels);
        channels.clear();
        channels.addAll(batch.channels());
        channels.addAll(newerChannels);
        Set<SubscriptionKey> newerSubs = new LinkedHashSet<>(subscriptions);
        subscriptions.clear();
        subscriptions.addAll(batch.subscriptions());
        subscriptions.addAll(newerSubs);
        List<JetStreamChannelStore> newerDeleted = new ArrayList<>(deleted);
        deleted.clear();
        deleted.addAll(batch.deleted());
        deleted.addAll(newerDeleted);
        channels.removeAll(deleted);
        subscriptions.removeIf(s -> deleted.contains(s.channel()));
    }
}
