package io.natsjms.store.mapdb;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import org.mapdb.BTreeMap;

/**
 * The part of a map shared by all channels that belongs to one channel: the shared map is keyed by
 * {@code (channel number, key)}, this view shows the keys of one channel as plain numbers, in ascending order.
 *
 * <p>One map per channel would be simpler, but MapDB keeps the names of all its maps in one record it reads whole on
 * every lookup and rewrites whole on every creation: creating a channel would cost more with every channel there is.
 */
final class ChannelSlice<V> extends AbstractMap<Long, V> {

    private final BTreeMap<Object[], V> shared;
    private final long channel;

    ChannelSlice(BTreeMap<Object[], V> shared, long channel) {
        this.shared = shared;
        this.channel = channel;
    }

    /** The key of {@code key} of this channel in the shared map. */
    static Object[] key(long channel, long key) {
        return new Object[] {channel, key};
    }

    private ConcurrentNavigableMap<Object[], V> below(long end) {
        return shared.subMap(key(channel, Long.MIN_VALUE), true, key(channel, end), false);
    }

    private ConcurrentNavigableMap<Object[], V> all() {
        return shared.subMap(key(channel, Long.MIN_VALUE), true, key(channel, Long.MAX_VALUE), true);
    }

    @Override
    public V get(Object key) {
        return key instanceof Long k ? shared.get(key(channel, k)) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof Long k && shared.containsKey(key(channel, k));
    }

    @Override
    public V put(Long key, V value) {
        return shared.put(key(channel, key), value);
    }

    @Override
    public V remove(Object key) {
        return key instanceof Long k ? shared.remove(key(channel, k)) : null;
    }

    @Override
    public boolean isEmpty() {
        return all().isEmpty();
    }

    @Override
    public int size() {
        return all().size();
    }

    @Override
    public void clear() {
        all().clear();
    }

    /**
     * The smallest key of this channel.
     *
     * @throws NoSuchElementException if the channel has no entry
     */
    long firstKey() {
        return (Long) all().firstKey()[1];
    }

    /** Removes the entries whose key is below {@code end}. */
    void removeBelow(long end) {
        below(end).clear();
    }

    @Override
    public Set<Map.Entry<Long, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<Long, V>> iterator() {
                Iterator<Map.Entry<Object[], V>> entries = all().entrySet().iterator();
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return entries.hasNext();
                    }

                    @Override
                    public Map.Entry<Long, V> next() {
                        Map.Entry<Object[], V> e = entries.next();
                        return new SimpleImmutableEntry<>((Long) e.getKey()[1], e.getValue());
                    }

                    @Override
                    public void remove() {
                        entries.remove();
                    }
                };
            }

            @Override
            public int size() {
                return ChannelSlice.this.size();
            }
        };
    }
}
