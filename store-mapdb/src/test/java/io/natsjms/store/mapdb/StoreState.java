package io.natsjms.store.mapdb;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.ChannelStore;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.ClientInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a store holds, as the power-loss test compares it: the clients, and per channel name the messages (the one
 * at index {@code i} has sequence {@code i + 1}; {@code null} where a lookup found none) and the subscriptions
 * with their pending sequences and redelivery counts.
 */
record StoreState(SortedMap<String, ClientInfo> clients, SortedMap<String, ChannelState> channels) {

    StoreState {
        clients = Collections.unmodifiableSortedMap(new TreeMap<>(clients));
        channels = Collections.unmodifiableSortedMap(new TreeMap<>(channels));
    }

    /** One channel: its messages from sequence 1 on, and its subscriptions by ID. */
    record ChannelState(List<MsgProto> messages, SortedMap<Long, SubscriptionRecord> subscriptions) {
        ChannelState {
            messages = Collections.unmodifiableList(new ArrayList<>(messages));
            subscriptions = Collections.unmodifiableSortedMap(new TreeMap<>(subscriptions));
        }
    }

    /** Reads what a store recovered: the clients and channels of {@code recovered}, every message looked up. */
    static StoreState recovered(RecoveredState recovered) {
        SortedMap<String, ClientInfo> clients = new TreeMap<>();
        recovered.clients().forEach(c -> clients.put(c.getID(), c));
        SortedMap<String, ChannelState> channels = new TreeMap<>();
        for (Map.Entry<String, RecoveredChannel> entry : recovered.channels().entrySet()) {
            ChannelStore channel = entry.getValue().channel();
            long first = channel.messages().firstSequence();
            long last = channel.messages().lastSequence();
            if (first != (last == 0 ? 0 : 1)) {
                throw new AssertionError("channel \"" + entry.getKey() + "\": first sequence " + first + " with last "
                        + last + " (expected: " + (last == 0 ? 0 : 1) + ", nothing is ever dropped here)");
            }
            List<MsgProto> messages = new ArrayList<>();
            for (long seq = 1; seq <= last; seq++) {
                messages.add(channel.messages().lookup(seq));
            }
            if (channel.messages().lookup(last + 1) != null) {
                throw new AssertionError("channel \"" + entry.getKey() + "\": a message after the last sequence " + last);
            }
            SortedMap<Long, SubscriptionRecord> subscriptions = new TreeMap<>();
            entry.getValue().subscriptions().forEach(s -> subscriptions.put(s.state().getID(), s));
            channels.put(entry.getKey(), new ChannelState(messages, subscriptions));
        }
        return new StoreState(clients, channels);
    }

    /** The first difference between this (what was found) and {@code expected}, in words; empty if none. */
    String differenceFrom(StoreState expected) {
        if (!clients.equals(expected.clients)) {
            return "clients " + clients.keySet() + ", expected " + expected.clients.keySet() + " (or their contents)";
        }
        if (!channels.keySet().equals(expected.channels.keySet())) {
            return "channels " + channels.keySet() + ", expected " + expected.channels.keySet();
        }
        for (String name : channels.keySet()) {
            ChannelState found = channels.get(name);
            ChannelState wanted = expected.channels.get(name);
            List<MsgProto> a = found.messages();
            List<MsgProto> b = wanted.messages();
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (!java.util.Objects.equals(a.get(i), b.get(i))) {
                    return "channel \"" + name + "\" message " + (i + 1) + ": " + describe(a.get(i)) + ", expected "
                            + describe(b.get(i));
                }
            }
            if (a.size() != b.size()) {
                return "channel \"" + name + "\": last sequence " + a.size() + ", expected " + b.size();
            }
            if (!found.subscriptions().equals(wanted.subscriptions())) {
                return "channel \"" + name + "\" subscriptions " + found.subscriptions().values() + ", expected "
                        + wanted.subscriptions().values();
            }
        }
        return "";
    }

    private static String describe(MsgProto m) {
        return m == null ? "none" : "sequence " + m.getSequence() + ", timestamp " + m.getTimestamp() + ", "
                + m.getData().size() + " bytes";
    }

    /** A short summary: the last sequence and subscription count of each channel. */
    String summary() {
        StringBuilder s = new StringBuilder(clients.size() + " clients");
        channels.forEach((name, c) -> s.append(", ").append(name).append(": ").append(c.messages().size())
                .append(" msgs ").append(c.subscriptions().size()).append(" subs"));
        return s.toString();
    }
}
