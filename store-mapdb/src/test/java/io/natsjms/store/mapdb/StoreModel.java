package io.natsjms.store.mapdb;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.SubState;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the power-loss test did to a store, applied the way the store API says it applies (a pending add raises
 * {@code lastSent}, an ack forgets the redelivery count, ...): {@link #snapshot()} is the state a store must hold
 * once the changes made so far were committed.
 */
final class StoreModel {

    private final SortedMap<String, ClientInfo> clients = new TreeMap<>();
    private final SortedMap<String, Channel> channels = new TreeMap<>();

    private static final class Channel {
        final List<MsgProto> messages = new ArrayList<>();
        final SortedMap<Long, Subscription> subscriptions = new TreeMap<>();
    }

    private static final class Subscription {
        SubState state;
        final TreeSet<Long> pending = new TreeSet<>();
        final TreeMap<Long, Integer> counts = new TreeMap<>();

        Subscription(SubState state) {
            this.state = state;
        }
    }

    void addClient(ClientInfo client) {
        clients.put(client.getID(), client);
    }

    void deleteClient(String id) {
        clients.remove(id);
    }

    List<String> clientIds() {
        return List.copyOf(clients.keySet());
    }

    void createChannel(String name) {
        channels.put(name, new Channel());
    }

    void deleteChannel(String name) {
        channels.remove(name);
    }

    List<String> channelNames() {
        return List.copyOf(channels.keySet());
    }

    /** The last sequence of a channel (its messages are never dropped here). */
    long lastSequence(String channel) {
        return channels.get(channel).messages.size();
    }

    void appended(String channel, MsgProto stored) {
        channels.get(channel).messages.add(stored);
    }

    void createdSubscription(String channel, SubState stored) {
        channels.get(channel).subscriptions.put(stored.getID(), new Subscription(stored));
    }

    /** {@code state} replaces the subscription's state (same ID); its pending sequences and counts stay. */
    void updateSubscription(String channel, SubState state) {
        channels.get(channel).subscriptions.get(state.getID()).state = state;
    }

    void deleteSubscription(String channel, long id) {
        channels.get(channel).subscriptions.remove(id);
    }

    List<Long> subscriptionIds(String channel) {
        return List.copyOf(channels.get(channel).subscriptions.keySet());
    }

    SubState subscription(String channel, long id) {
        return channels.get(channel).subscriptions.get(id).state;
    }

    List<Long> pending(String channel, long id) {
        return List.copyOf(channels.get(channel).subscriptions.get(id).pending);
    }

    void addPending(String channel, long id, long sequence) {
        Subscription sub = channels.get(channel).subscriptions.get(id);
        sub.pending.add(sequence);
        if (sequence > sub.state.getLastSent()) {
            sub.state = sub.state.toBuilder().setLastSent(sequence).build();
        }
    }

    void ackPending(String channel, long id, long sequence) {
        Subscription sub = channels.get(channel).subscriptions.get(id);
        sub.pending.remove(sequence);
        sub.counts.remove(sequence);
    }

    void setRedeliveryCount(String channel, long id, long sequence, int count) {
        Subscription sub = channels.get(channel).subscriptions.get(id);
        if (!sub.pending.contains(sequence)) {
            return;
        }
        if (count == 0) {
            sub.counts.remove(sequence);
        } else {
            sub.counts.put(sequence, count);
        }
    }

    /** The state as of now. */
    StoreState snapshot() {
        SortedMap<String, StoreState.ChannelState> copy = new TreeMap<>();
        channels.forEach((name, channel) -> {
            SortedMap<Long, SubscriptionRecord> subs = new TreeMap<>();
            channel.subscriptions.forEach((id, s) -> subs.put(id, new SubscriptionRecord(s.state, s.pending, s.counts)));
            copy.put(name, new StoreState.ChannelState(channel.messages, subs));
        });
        return new StoreState(clients, copy);
    }
}
