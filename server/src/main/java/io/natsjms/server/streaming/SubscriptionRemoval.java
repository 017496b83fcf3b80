package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.SubscriptionStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes subscriptions offline or away: on unsubscribe, on subscription close, and when their client
 * closes. Durables are kept on close and deleted on unsubscribe; a leaving queue member hands its
 * pending messages to the remaining members; the last member of a durable group leaves a shadow.
 * Owned by the engine loop.
 */
final class SubscriptionRemoval {

    /** How soon messages handed over by a leaving queue member are redelivered. */
    private static final long TRANSFER_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final ClientRegistry clients;
    private final Redelivery redelivery;
    private final Inactivity inactivity;

    SubscriptionRemoval(ClientRegistry clients, Redelivery redelivery, Inactivity inactivity) {
        this.clients = clients;
        this.redelivery = redelivery;
        this.inactivity = inactivity;
    }

    /**
     * Removes an online subscription.
     *
     * @param unsubscribe {@code true} to delete a durable, {@code false} to keep it offline
     */
    void remove(Subscription sub, boolean unsubscribe) {
        Channel channel = sub.channel;
        channel.byAckInbox.remove(sub.ackInbox, sub);
        channel.byInbox.remove(sub.inbox, sub);
        channel.plain.remove(sub);
        Client client = clients.byId(sub.clientId);
        if (client != null) {
            client.subscriptions.remove(sub);
        }
        redelivery.cancel(sub);
        if (sub.group != null) {
            leaveGroup(sub, unsubscribe);
        } else if (sub.durable && !unsubscribe) {
            sub.offline = true;
            sub.stalled = false;
            channel.store.subscriptions().update(sub.toState());
        } else {
            delete(sub);
        }
        inactivity.check(channel);
    }

    /** Removes a subscription that is not online any more (an offline durable or a shadow). */
    void delete(Subscription sub) {
        Channel channel = sub.channel;
        channel.byId.remove(sub.id);
        if (sub.durable && sub.group == null) {
            channel.durables.remove(Channel.durableKey(sub.clientId, channel.name, sub.durableName), sub);
        }
        channel.store.subscriptions().delete(sub.id);
    }

    private void leaveGroup(Subscription sub, boolean unsubscribe) {
        QueueGroup group = sub.group;
        group.members.remove(sub);
        group.parked.forget(sub);
        if (!group.members.isEmpty()) {
            transferPending(sub, group);
            group.keepPositionOn(group.members.get(0));
            delete(sub);
            return;
        }
        if (group.durable && !unsubscribe) {
            sub.clientId = "";
            sub.offline = true;
            sub.stalled = false;
            sub.lastSent = Math.max(sub.lastSent, group.lastSent);
            group.shadow = sub;
            sub.channel.store.subscriptions().update(sub.toState());
            return;
        }
        delete(sub);
        group.parked.deleteRecord(sub.channel.store.subscriptions());
        sub.channel.groups.remove(group.key);
    }

    /**
     * Hands the leaving member's pending messages round-robin to the others, due for redelivery soon;
     * the group's redelivery counts are stored on the new holders (the leaving member's go with it).
     */
    private void transferPending(Subscription leaving, QueueGroup group) {
        if (group.selective() || !leaving.selector.selectsAll()) {
            transferSelected(leaving, group);
            return;
        }
        List<Subscription> members = group.members;
        SubscriptionStore subs = leaving.channel.store.subscriptions();
        List<Subscription> touched = new ArrayList<>();
        long due = Engine.monotonicNanos() + TRANSFER_DELAY_NANOS;
        int i = 0;
        for (long sequence : leaving.pending.keySet()) {
            Subscription target = members.get(i++ % members.size());
            target.pending.put(sequence, due);
            subs.addPending(target.id, sequence);
            int redeliveries = target.redeliveryCount(sequence);
            if (redeliveries > 0) {
                subs.setRedeliveryCount(target.id, sequence, redeliveries);
            }
            if (target.atMaxInFlight()) {
                target.stalled = true;
            }
            touched.add(target);
        }
        leaving.pending.clear();
        for (Subscription target : touched) {
            redelivery.arm(target);
        }
    }

    /**
     * {@link #transferPending} where selectors decide: each message goes round-robin to the next
     * remaining member that selects it, or is parked in the group when none does (except a message a
     * prepared transaction holds, which the next member keeps).
     */
    private void transferSelected(Subscription leaving, QueueGroup group) {
        List<Subscription> members = group.members;
        SubscriptionStore subs = leaving.channel.store.subscriptions();
        List<Subscription> touched = new ArrayList<>();
        long due = Engine.monotonicNanos() + TRANSFER_DELAY_NANOS;
        int i = 0;
        for (long sequence : new ArrayList<>(leaving.pending.keySet())) {
            MsgProto msg = leaving.channel.store.messages().lookup(sequence);
            if (msg == null) {
                continue;
            }
            int deliveryCount = leaving.redeliveryCount(sequence) + 2;
            // a message a prepared transaction holds is not delivered now: any member may keep it
            boolean held = redelivery.isHeld(leaving, sequence);
            Subscription target = null;
            for (int tried = 0; tried < members.size() && target == null; tried++) {
                Subscription candidate = members.get(i++ % members.size());
                if (held || candidate.selector.selects(msg, deliveryCount)) {
                    target = candidate;
                }
            }
            if (target == null) {
                redelivery.delivery().parkPending(group, leaving, msg);
                continue;
            }
            target.pending.put(sequence, due);
            subs.addPending(target.id, sequence);
            int redeliveries = target.redeliveryCount(sequence);
            if (redeliveries > 0) {
                subs.setRedeliveryCount(target.id, sequence, redeliveries);
            }
            if (target.atMaxInFlight()) {
                target.stalled = true;
            }
            touched.add(target);
        }
        leaving.pending.clear();
        for (Subscription target : touched) {
            redelivery.arm(target);
        }
    }

    /** Closes every subscription of a closing client (durables go offline). */
    void removeAllOf(Client client) {
        for (Subscription sub : new ArrayList<>(client.subscriptions)) {
            remove(sub, false);
        }
    }
}
