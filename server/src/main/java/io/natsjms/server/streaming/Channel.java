package io.natsjms.server.streaming;

import io.natsjms.store.ChannelStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/** A channel as the engine runs it: its store and its subscriptions. Owned by the engine loop. */
final class Channel {

    final String name;
    final ChannelStore store;
    /** Every subscription by ID: plain, durable (online or offline), queue members and shadows. */
    final Map<Long, Subscription> byId = new LinkedHashMap<>();
    /** Online subscriptions by their ack inbox. */
    final Map<String, Subscription> byAckInbox = new HashMap<>();
    /** Online subscriptions by their delivery inbox. */
    final Map<String, Subscription> byInbox = new HashMap<>();
    /** Durable (non-queue) subscriptions by durable key, online or offline. */
    final Map<String, Subscription> durables = new HashMap<>();
    /** Queue groups by key. */
    final Map<String, QueueGroup> groups = new LinkedHashMap<>();
    /** Online subscriptions that are not queue members, in creation order. */
    final List<Subscription> plain = new ArrayList<>();
    /**
     * The first sequence of messages stored by a commit that is not durable yet, which subscribers must
     * not get until it is; 0 when there are none.
     */
    long heldFrom;
    /** The max-inactivity deletion timer, or {@code null}. */
    ScheduledFuture<?> inactivityTimer;
    /** The max-age expiry timer, armed for the oldest message, or {@code null}. */
    ScheduledFuture<?> expiryTimer;

    Channel(ChannelStore store) {
        this.name = store.name();
        this.store = store;
    }

    /** The last sequence subscribers may get now: the last stored one, unless messages are held back. */
    long lastDeliverable() {
        return heldFrom == 0 ? store.messages().lastSequence() : heldFrom - 1;
    }

    /** Whether an online subscription keeps this channel active (offline durables and shadows don't). */
    boolean hasActiveSubscription() {
        if (!plain.isEmpty()) {
            return true;
        }
        for (QueueGroup group : groups.values()) {
            if (!group.members.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Makes an online subscription reachable: by its inboxes, for delivery, and from its client. */
    void attach(Subscription sub, Client client) {
        byId.put(sub.id, sub);
        byAckInbox.put(sub.ackInbox, sub);
        byInbox.put(sub.inbox, sub);
        if (sub.group != null) {
            sub.group.members.add(sub);
        } else {
            plain.add(sub);
        }
        client.subscriptions.add(sub);
    }

    static String durableKey(String clientId, String channel, String durableName) {
        return clientId + "-" + channel + "-" + durableName;
    }
}
