package io.natsjms.server.streaming;

import io.natsjms.protocol.Inboxes;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.PreparedTransactions;
import io.natsjms.store.RecoveredChannel;
import io.natsjms.store.RecoveredState;
import io.natsjms.store.SubscriptionRecord;
import io.natsjms.store.spb.ClientInfo;
import io.natsjms.store.spb.SubState;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds the engine from a recovered store: clients come back registered (they keep working
 * without reconnecting), channels with their subscriptions, prepared transaction branches with the
 * messages they hold, and pending messages (but the held ones) are redelivered once the server
 * listens again. Owned by the engine loop.
 *
 * <p>No recovered record stops a restart. A record the engine cannot use (one written by an older
 * version that accepted an inbox nobody can send to, or one that fails to load) is logged with what
 * identifies it and set aside: it is not loaded and stays in the store as it is. A client without a
 * usable heartbeat inbox is treated as one that did not come back, so its durables come back offline.
 * An online subscription without a usable inbox comes back offline if it is durable, leaves its queue
 * group as a member whose client is gone, and is set aside otherwise.
 */
final class EngineRecovery {

    private static final System.Logger LOG = System.getLogger(EngineRecovery.class.getName());

    private final ClientRegistry clients;
    private final ChannelRegistry channels;
    private final Commits commits;
    private final ClientLifecycle lifecycle;
    private final Delivery delivery;
    private final Redelivery redelivery;
    private final Inactivity inactivity;
    private final MessageExpiry expiry;
    private final PreparedTransactions stored;
    private final PreparedBranches prepared;
    private final List<Subscription> online = new ArrayList<>();

    EngineRecovery(ClientRegistry clients, ChannelRegistry channels, Commits commits, ClientLifecycle lifecycle,
                   Delivery delivery, Redelivery redelivery, Inactivity inactivity, MessageExpiry expiry,
                   PreparedTransactions stored, PreparedBranches prepared) {
        this.clients = clients;
        this.channels = channels;
        this.commits = commits;
        this.lifecycle = lifecycle;
        this.delivery = delivery;
        this.redelivery = redelivery;
        this.inactivity = inactivity;
        this.expiry = expiry;
        this.stored = stored;
        this.prepared = prepared;
    }

    /**
     * Registers everything recovered; nothing is sent yet. Prepared transaction branches hold the
     * messages their acks name again, found by subscription ID before the members of queue groups
     * whose client is gone hand their pending messages on.
     */
    void restore(RecoveredState state) {
        prepared.loadRecovered(stored.all());
        for (ClientInfo client : state.clients()) {
            restore(client);
        }
        for (RecoveredChannel recovered : state.channels().values()) {
            Channel channel = new Channel(recovered.channel());
            channels.add(channel);
            List<Subscription> ghosts = new ArrayList<>();
            for (SubscriptionRecord record : recovered.subscriptions()) {
                try {
                    restore(channel, record, ghosts);
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, "channel \"" + channel.name + "\": subscription " + record.state().getID()
                            + " of client \"" + record.state().getClientID() + "\" could not be recovered, set aside"
                            + " (its record stays in the store): " + e.getMessage(), e);
                }
            }
            prepared.holdRecovered(channel);
            for (Subscription ghost : ghosts) {
                adoptOrDelete(ghost);
            }
            dropParkingOfGoneGroups(channel);
            inactivity.check(channel);
            expiry.check(channel);
        }
        commits.commitNow();
    }

    private void restore(ClientInfo client) {
        String problem = Inboxes.problem(client.getHbInbox());
        if (problem != null) {
            LOG.log(Level.WARNING, () -> "[Client:" + client.getID() + "] set aside: "
                    + Inboxes.describe("heartbeat inbox", client.getHbInbox(), problem)
                    + "; its record stays in the store and its subscriptions come back as those of a client"
                    + " that is gone");
            return;
        }
        lifecycle.recover(client);
    }

    private void restore(Channel channel, SubscriptionRecord record, List<Subscription> ghosts) {
        SubState state = record.state();
        if (state.getIsParking()) {
            restoreParking(channel, record);
            return;
        }
        Client client = state.getClientID().isEmpty() ? null : clients.byId(state.getClientID());
        boolean clientBack = client != null && !state.getIsClosed();
        if (clientBack && !usable(channel, state)) {
            if (!state.getIsDurable() && state.getQGroup().isEmpty()) {
                return;
            }
            clientBack = false;
        }
        QueueGroup group = state.getQGroup().isEmpty() ? null : group(channel, state);
        Subscription sub = new Subscription(state.getID(), channel, state, group);
        restorePending(sub, record);
        if (clientBack) {
            sub.offline = false;
            channel.attach(sub, client);
            if (sub.durable && group == null) {
                registerDurable(channel, sub);
            }
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
            registerDurable(channel, sub);
            if (!state.getIsClosed()) {
                channel.store.subscriptions().update(sub.toState());
            }
        } else {
            channel.store.subscriptions().delete(sub.id);
        }
    }

    /** A queue group's parking record: its pending entries are the group's parked messages. */
    private static void restoreParking(Channel channel, SubscriptionRecord record) {
        SubState state = record.state();
        QueueGroup group = group(channel, state);
        group.parked.recordId = state.getID();
        for (long sequence : record.pending()) {
            group.parked.restore(sequence);
        }
        record.redeliveryCounts().forEach((sequence, count) -> group.redeliveries.merge(sequence, count, Math::max));
    }

    private static QueueGroup group(Channel channel, SubState state) {
        String key = state.getIsDurable() ? state.getDurableName() + ":" + state.getQGroup() : state.getQGroup();
        QueueGroup group = channel.groups.computeIfAbsent(key, k -> new QueueGroup(state.getQGroup(), k, state.getIsDurable()));
        group.lastSent = Math.max(group.lastSent, state.getLastSent());
        return group;
    }

    /** A group that came back with nothing but its parking record is gone, and so is the record. */
    private static void dropParkingOfGoneGroups(Channel channel) {
        channel.groups.values().removeIf(group -> {
            if (group.members.isEmpty() && group.shadow == null) {
                group.parked.deleteRecord(channel.store.subscriptions());
                return true;
            }
            return false;
        });
    }

    /**
     * Whether an online subscription can be served: the server must be able to send to its inbox and
     * receive acks on its ack inbox. If not, says why.
     */
    private static boolean usable(Channel channel, SubState state) {
        String problem = Inboxes.problem(state.getInbox());
        String what = "inbox";
        String value = state.getInbox();
        if (problem == null) {
            problem = Inboxes.problem(state.getAckInbox());
            what = "ack inbox";
            value = state.getAckInbox();
        }
        if (problem == null) {
            return true;
        }
        String detail = Inboxes.describe(what, value, problem);
        String outcome = state.getIsDurable() && state.getQGroup().isEmpty() ? "comes back offline"
                : !state.getQGroup().isEmpty() ? "leaves its queue group as a member whose client is gone"
                : "is set aside (its record stays in the store)";
        LOG.log(Level.WARNING, () -> "channel \"" + channel.name + "\": subscription " + state.getID() + " of client \""
                + state.getClientID() + "\" can't be served: " + detail + "; it " + outcome);
        return false;
    }

    /**
     * Makes a recovered durable the one its key resumes. Should an older version have left two records
     * under one key, the online one wins, then the newer. An offline loser is set aside (left in the
     * store); an online one keeps being served until it closes.
     */
    private static void registerDurable(Channel channel, Subscription sub) {
        String key = Channel.durableKey(sub.clientId, channel.name, sub.durableName);
        Subscription other = channel.durables.get(key);
        Subscription winner = sub;
        if (other != null) {
            boolean otherWins = other.offline == sub.offline ? other.id > sub.id : !other.offline;
            winner = otherWins ? other : sub;
            Subscription loser = otherWins ? sub : other;
            LOG.log(Level.WARNING, () -> "channel \"" + channel.name + "\": subscriptions " + other.id + " and "
                    + sub.id + " are both durable \"" + sub.durableName + "\" of client \"" + sub.clientId + "\"; "
                    + "subscription " + loser.id + " is no longer resumed"
                    + (loser.offline ? " and is set aside (its record stays in the store)" : ""));
            if (loser.offline) {
                channel.byId.remove(loser.id, loser);
            }
        }
        channel.durables.put(key, winner);
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
            ghost.lastSent = Math.max(ghost.lastSent, group.lastSent);
            group.shadow = ghost;
            ghost.channel.store.subscriptions().update(ghost.toState());
            return;
        }
        Subscription heir = group.shadow != null ? group.shadow : group.members.isEmpty() ? null : group.members.get(0);
        if (heir != null) {
            group.keepPositionOn(heir);
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
            group.parked.deleteRecord(ghost.channel.store.subscriptions());
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
            try {
                for (var entry : new ArrayList<>(sub.pending.entrySet())) {
                    if (entry.getValue() <= now) {
                        redelivery.redeliver(sub, entry.getKey(), false);
                    }
                }
                redelivery.arm(sub);
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "redelivery after restart failed for " + sub + ": " + e.getMessage(), e);
            }
            sub.newOnHold = false;
            sub.stalled = sub.atMaxInFlight();
        }
        for (Subscription sub : online) {
            if (sub.group != null && !sub.offline) {
                delivery.memberJoined(sub);
            }
        }
        online.clear();
        for (Channel channel : channels.all()) {
            delivery.deliverNew(channel);
        }
    }
}
