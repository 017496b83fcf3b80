package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Sends stored messages to subscriptions: new messages from a subscription's (or group's) cursor
 * while it is not stalled, and single (re)deliveries for redelivery. A subscription that can take
 * many messages gets them in bursts of at most {@link #MAX_BURST} per engine task, so that a
 * subscriber with a huge max in flight does not hold up everyone else. Owned by the engine loop.
 */
final class Delivery {

    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());
    /** The most messages one engine task sends to one subscription or group (or redelivers to one). */
    static final int MAX_BURST = 1024;

    private final EngineLoop loop;
    private final Transport transport;
    private final ClientRegistry clients;
    private final Commits commits;
    private final EngineStats stats;
    /** Times every message sent (its firing is the owning {@link Redelivery}'s). */
    private final AckClock ackClock;
    /** Subscriptions and groups whose next burst is queued on the loop already. */
    private final Set<Object> continuing = Collections.newSetFromMap(new IdentityHashMap<>());
    /** A message going to several subscriptions is serialized once. */
    private final FirstDeliveryBytes firstDeliveries = new FirstDeliveryBytes();

    Delivery(EngineLoop loop, Transport transport, ClientRegistry clients, Commits commits, EngineStats stats,
             AckClock ackClock) {
        this.loop = loop;
        this.transport = transport;
        this.clients = clients;
        this.commits = commits;
        this.stats = stats;
        this.ackClock = ackClock;
    }

    /**
     * Offers the channel's new messages to all its subscriptions and groups. A failure for one of them
     * is logged and does not keep the others from their messages.
     */
    void deliverNew(Channel channel) {
        for (Subscription sub : channel.plain) {
            try {
                sendAvailable(sub);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "delivery to " + sub + " failed: " + e.getMessage(), e);
            }
        }
        for (QueueGroup group : channel.groups.values()) {
            try {
                sendAvailable(group);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "delivery to queue group \"" + group.key + "\" on channel \"" + channel.name
                        + "\" failed: " + e.getMessage(), e);
            }
        }
    }

    /** Sends messages after the subscription's cursor until it is stalled or has everything. */
    void sendAvailable(Subscription sub) {
        if (sub.offline || sub.newOnHold || sub.group != null) {
            return;
        }
        MessageStore log = sub.channel.store.messages();
        for (int sent = 0; !sub.stalled; sent++) {
            if (sent == MAX_BURST) {
                continueLater(sub, () -> {
                    if (sub.channel.byAckInbox.get(sub.ackInbox) == sub) {
                        sendAvailable(sub);
                    }
                });
                return;
            }
            long next = nextSequence(sub.channel, sub.lastSent);
            if (next < 0) {
                return;
            }
            sub.lastSent = next;
            byte[] bytes = firstBytes(sub.channel, log, next);
            if (bytes != null) {
                firstDelivery(sub, next, bytes);
            }
        }
    }

    /** Clears the stall of a subscription that is below its max in flight again, and sends what it can take. */
    void unstallIfBelowMax(Subscription sub) {
        if (!sub.stalled || sub.atMaxInFlight()) {
            return;
        }
        sub.stalled = false;
        if (sub.group != null) {
            drainParked(sub);
            sendAvailable(sub.group);
        } else {
            sendAvailable(sub);
        }
    }

    /** Sends the group's messages after its cursor, one member each, until all members are stalled. */
    void sendAvailable(QueueGroup group) {
        if (group.newOnHold || group.members.isEmpty()) {
            return;
        }
        if (group.selective()) {
            sendSelected(group);
            return;
        }
        MessageStore log = group.members.get(0).channel.store.messages();
        for (int sent = 0; !group.allStalled(); sent++) {
            if (sent == MAX_BURST) {
                continueLater(group, () -> sendAvailable(group));
                return;
            }
            long next = nextSequence(group.members.get(0).channel, group.lastSent);
            if (next < 0) {
                return;
            }
            byte[] bytes = firstBytes(group.members.get(0).channel, log, next);
            group.lastSent = next;
            if (bytes == null) {
                continue;
            }
            Subscription member = group.bestMember(clients);
            member.lastSent = Math.max(member.lastSent, next);
            firstDelivery(member, next, bytes);
        }
    }

    /**
     * {@link #sendAvailable(QueueGroup)} for a group with selectors: each message goes to a member that
     * selects it and can take it; one that no such member can take now is parked, and the cursor
     * moves on, so that one member's selector or slowness never holds up the others.
     */
    private void sendSelected(QueueGroup group) {
        Channel channel = group.members.get(0).channel;
        MessageStore log = channel.store.messages();
        for (int sent = 0; !group.allStalled(); sent++) {
            if (sent == MAX_BURST) {
                continueLater(group, () -> sendAvailable(group));
                return;
            }
            long next = nextSequence(channel, group.lastSent);
            if (next < 0) {
                return;
            }
            MsgProto msg = log.lookup(next);
            group.lastSent = next;
            if (msg == null) {
                continue;
            }
            List<Subscription> selecting = group.selecting(msg, 1);
            Subscription member = group.bestSelecting(clients, selecting);
            if (member == null) {
                group.parked.park(next, selecting, channel.store.subscriptions());
                commits.commitSoon();
                continue;
            }
            member.lastSent = Math.max(member.lastSent, next);
            firstDelivery(member, msg);
        }
    }

    /**
     * Parks a message that was pending on {@code from} (a member leaving, or one whose selector no
     * longer selects it) because no other member can take it now; it was delivered, so it counts as
     * redelivered once it goes out again.
     */
    void parkPending(QueueGroup group, Subscription from, MsgProto msg) {
        long sequence = msg.getSequence();
        from.pending.remove(sequence);
        from.channel.store.subscriptions().ackPending(from.id, sequence);
        int count = from.bumpRedeliveryCount(sequence);
        group.parked.park(sequence, group.selecting(msg, count + 1), from.channel.store.subscriptions());
        if (group.parked.recordId != 0) {
            from.channel.store.subscriptions().setRedeliveryCount(group.parked.recordId, sequence, count);
        }
        commits.commitSoon();
    }

    /**
     * A member joined its group (or took over its shadow, or came back after a restart): it learns
     * which parked messages it selects and gets them, oldest first, as far as it has room. Parked
     * messages that limits dropped meanwhile are let go.
     */
    void memberJoined(Subscription member) {
        QueueGroup group = member.group;
        if (group.parked.isEmpty()) {
            return;
        }
        MessageStore log = member.channel.store.messages();
        List<Long> selected = new ArrayList<>();
        List<Long> dropped = new ArrayList<>();
        for (long sequence : group.parked.sequences()) {
            MsgProto msg = log.lookup(sequence);
            if (msg == null) {
                dropped.add(sequence);
            } else if (member.selector.selects(msg, member.redeliveryCount(sequence) + 1)) {
                selected.add(sequence);
            }
        }
        for (long sequence : dropped) {
            group.parked.unpark(sequence, member.channel.store.subscriptions());
            member.clearRedeliveryCount(sequence);
        }
        if (!dropped.isEmpty()) {
            commits.commitSoon();
        }
        group.parked.learn(member, selected);
        drainParked(member);
    }

    /** Sends the member the parked messages it selects, oldest first, until it is stalled. */
    void drainParked(Subscription member) {
        QueueGroup group = member.group;
        if (group == null || member.parkedTakes.isEmpty() || member.offline) {
            return;
        }
        MessageStore log = member.channel.store.messages();
        for (long sequence : new ArrayList<>(member.parkedTakes)) {
            if (member.stalled) {
                return;
            }
            MsgProto msg = log.lookup(sequence);
            group.parked.unpark(sequence, member.channel.store.subscriptions());
            commits.commitSoon();
            if (msg == null) {
                member.clearRedeliveryCount(sequence);
                continue;
            }
            int count = member.redeliveryCount(sequence);
            if (count == 0) {
                firstDelivery(member, msg);
                continue;
            }
            member.channel.store.subscriptions().addPending(member.id, sequence);
            member.channel.store.subscriptions().setRedeliveryCount(member.id, sequence, count);
            send(member, msg, true, count);
            if (member.atMaxInFlight()) {
                member.stalled = true;
            }
        }
    }

    /** Queues the next burst for a subscription or group, unless one is queued already. */
    private void continueLater(Object receiver, Runnable burst) {
        if (continuing.add(receiver)) {
            loop.execute(() -> {
                continuing.remove(receiver);
                burst.run();
            });
        }
    }

    /**
     * The sequence after {@code lastSent} to send, skipping dropped messages and stopping before held
     * back ones; -1 when there is none.
     */
    private static long nextSequence(Channel channel, long lastSent) {
        long last = channel.lastDeliverable();
        long next = lastSent + 1;
        if (next > last) {
            return -1;
        }
        return Math.max(next, channel.store.messages().firstSequence());
    }

    private void firstDelivery(Subscription sub, MsgProto msg) {
        firstDelivery(sub, msg.getSequence(), firstBytes(sub.channel, msg));
    }

    /** Sends message {@code sequence} to {@code sub} for the first time, as {@code bytes}. */
    private void firstDelivery(Subscription sub, long sequence, byte[] bytes) {
        sub.channel.store.subscriptions().addPending(sub.id, sequence);
        publish(sub, sequence, bytes, false);
        if (sub.atMaxInFlight()) {
            sub.stalled = true;
        }
        commits.commitSoon();
    }

    /**
     * The first delivery of message {@code sequence} of {@code channel}: the message as stored,
     * serialized, or {@code null} when it is gone. For one receiver the store's own bytes (no parsing,
     * no serializing); for several, serialized once for all of them ({@link FirstDeliveryBytes}).
     */
    private byte[] firstBytes(Channel channel, MessageStore log, long sequence) {
        if (!sharedBytes(channel)) {
            return log.lookupSerialized(sequence);
        }
        MsgProto msg = log.lookup(sequence);
        return msg == null ? null : firstDeliveries.of(msg);
    }

    private byte[] firstBytes(Channel channel, MsgProto msg) {
        return sharedBytes(channel) ? firstDeliveries.of(msg) : msg.toByteArray();
    }

    /**
     * Whether a message of {@code channel} goes to more than one subscription or group, so that its
     * bytes are worth keeping (with one, keeping them costs more than it saves).
     */
    private static boolean sharedBytes(Channel channel) {
        return channel.plain.size() + channel.groups.size() > 1;
    }

    /**
     * Makes {@code msg} pending until now + ack wait and publishes it to the subscription's inbox.
     * Redeliveries carry the redelivered flag and their count; a first delivery is {@code msg} as
     * stored, serialized once for all the subscriptions it goes to ({@link FirstDeliveryBytes}) when
     * there are several. A publish that fails (the connection's
     * outgoing queue full, say) is like a message lost on the way: it is pending, so it is redelivered
     * at its deadline, and the failure goes no further (the publishes whose PubAcks wait behind this
     * delivery are still acknowledged).
     */
    void send(Subscription sub, MsgProto msg, boolean redelivered, int redeliveryCount) {
        byte[] bytes = redelivered
                ? msg.toBuilder().setRedelivered(true).setRedeliveryCount(redeliveryCount).build().toByteArray()
                : firstBytes(sub.channel, msg);
        publish(sub, msg.getSequence(), bytes, redelivered);
    }

    /** {@link #send} of message {@code sequence} serialized as {@code bytes}. */
    private void publish(Subscription sub, long sequence, byte[] bytes, boolean redelivered) {
        sub.pending.put(sequence, Engine.monotonicNanos() + sub.ackWaitNanos());
        ackClock.arm(sub);
        try {
            transport.publish(sub.inbox, bytes);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "sending message " + sequence + " to " + sub + " failed, it is"
                    + " redelivered after the ack wait: " + e);
            return;
        }
        stats.outMsgs++;
        stats.outBytes += bytes.length;
        if (redelivered) {
            stats.redeliveredMsgs++;
        }
    }
}
