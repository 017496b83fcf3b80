package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.SubState;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the engine from a recovered store: clients come back registered (they keep working
 * without reconnecting), channels with their subscriptions, and pending messages are redelivered
 * once the server listens again. Owned by the engine loop.
 */
final class Recovery {

    private final Engine engine;
    private final ClientLifecycle lifecycle;
    private final Delivery delivery;
    private final AckTimers ackTimers;
    private final Inactivity inactivity;
    private final MessageExpiry expiry;
    private final List<Subscription> online = new ArrayList<>();

    Recovery(Engine engine, ClientLifecycle lifecycle, Delivery delivery, AckTimers ackTimers,
             Inactivity inactivity, MessageExpiry expiry) {
        this.engine = engine;
        this.lifecycle = lifecycle;
        this.delivery = delivery;
        this.ackTimers = ackTimers;
        this.inactivity = inactivity;
        this.expiry = expiry;
    }

    /** Registers everything recovered; nothing is sent yet. */
    void restore(RecoveredState state) {
        for (ClientInfo client : state.clients()) {
            lifecycle.recover(client);
        }
        for (RecoveredChannel recovered : state.channels().values()) {
            Channel channel = new Channel(recovered.channel());
            engine.channels.add(channel);
            List<Subscription> ghosts = new ArrayList<>();
            for (SubscriptionRecord record : recovered.subscriptions()) {
                restore(channel, record, ghosts);
            }
            for (Subscription ghost : ghosts) {
                adoptOrDelete(ghost);
            }
            inactivity.check(channel);
            expiry.check(channel);
        }
        engine.commits.commitNow();
    }

    private void restore(Channel channel, SubscriptionRecord record, List<Subscription> ghosts) {
        SubState state = record.state();
        Client client = state.getClientID().isEmpty() ? null : engine.clients.byId(state.getClientID());
        boolean clientBack = client != null && !state.getIsClosed();
        QueueGroup group = null;
        if (!state.getQGroup().isEmpty()) {
            String key = state.getIsDurable() ? state.getDurableName() + ":" + state.getQGroup() : state.getQGroup();
            group = channel.groups.computeIfAbsent(key, k -> new QueueGroup(state.getQGroup(), k, state.getIsDurable()));
            group.lastSent = Math.max(group.lastSent, state.getLastSent());
        }
        Subscription sub = new Subscription(state.getID(), channel, state, group);
        restorePending(sub, record);
        if (clientBack) {
            sub.offline = false;
            channel.attach(sub, client);
            sub.newOnHold = !sub.pending.isEmpty();
            online.add(sub);
        } else if (group != null && state.getClientID().isEmpty()) {
            sub.offline = true;
            channel.byId.put(sub.id, sub);
            group.shadow = sub;
        } else if (group != null) {
            sub.offline = true;
            channel.byId.put(sub.id, sub);
            ghosts.add(sub);
        } else if (sub.durable) {
            sub.offline = true;
            channel.byId.put(sub.id, sub);
            channel.durables.put(Channel.durableKey(sub.clientId, channel.name, sub.durableName), sub);
            if (!state.getIsClosed()) {
                channel.store.subscriptions().update(sub.toState());
            }
        } else {
            channel.store.subscriptions().delete(sub.id);
        }
    }

    /**
     * A queue member whose client is gone: the state of a durable group without members or shadow
     * becomes its shadow. Any other is deleted, after handing its pending messages to the group's
     * shadow or first member, so that none of them is skipped.
     */
    private void adoptOrDelete(Subscription ghost) {
        QueueGroup group = ghost.group;
        if (group.durable && group.members.isEmpty() && group.shadow == null) {
            ghost.clientId = "";
            group.shadow = ghost;
            ghost.channel.store.subscriptions().update(ghost.toState());
            return;
        }
        Subscription heir = group.shadow != null ? group.shadow : group.members.isEmpty() ? null : group.members.get(0);
        if (heir != null) {
            for (var entry : ghost.pending.entrySet()) {
                if (heir.pending.putIfAbsent(entry.getKey(), entry.getValue()) == null) {
                    heir.channel.store.subscriptions().addPending(heir.id, entry.getKey());
                    int redeliveries = group.redeliveries.getOrDefault(entry.getKey(), 0);
                    if (redeliveries > 0) {
                        heir.channel.store.subscriptions().setRedeliveryCount(heir.id, entry.getKey(), redeliveries);
                    }
                }
            }
        }
        ghost.channel.byId.remove(ghost.id);
        ghost.channel.store.subscriptions().delete(ghost.id);
        if (group.members.isEmpty() && group.shadow == null) {
            ghost.channel.groups.remove(group.key);
        }
    }

    /**
     * Pending messages are due at their timestamp plus the ack wait; their redelivery counts come back
     * (a queue group's as the highest over its members), so the next redelivery counts on from them.
     */
    private static void restorePending(Subscription sub, SubscriptionRecord record) {
        long nowWall = Engine.wallNanos();
        long nowMono = Engine.monotonicNanos();
        for (long sequence : record.pending()) {
            MsgProto msg = sub.channel.store.messages().lookup(sequence);
            long dueIn = msg == null ? 0 : msg.getTimestamp() + sub.ackWaitNanos() - nowWall;
            sub.pending.put(sequence, nowMono + dueIn);
        }
        record.redeliveryCounts().forEach(sub::restoreRedeliveryCount);
    }

    /** Once listening: overdue pending messages go again to the same member, then new messages flow. */
    void resumeDelivery() {
        long now = Engine.monotonicNanos();
        for (Subscription sub : online) {
            for (var entry : new ArrayList<>(sub.pending.entrySet())) {
                if (entry.getValue() <= now) {
                    ackTimers.redeliver(sub, entry.getKey(), false);
                }
            }
            ackTimers.arm(sub);
            sub.newOnHold = false;
            sub.stalled = sub.atMaxInFlight();
        }
        online.clear();
        for (Channel channel : engine.channels.all()) {
            delivery.deliverNew(channel);
        }
    }
}
