package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;
import java.lang.System.Logger.Level;

/**
 * Sends stored messages to subscriptions: new messages from a subscription's (or group's) cursor
 * while it is not stalled, and single (re)deliveries for redelivery. Owned by the engine loop.
 */
final class Delivery {

    private static final System.Logger LOG = System.getLogger(Delivery.class.getName());

    private final Engine engine;
    private AckTimers ackTimers;

    Delivery(Engine engine) {
        this.engine = engine;
    }

    void setAckTimers(AckTimers ackTimers) {
        this.ackTimers = ackTimers;
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
        while (!sub.stalled) {
            long next = nextSequence(log, sub.lastSent);
            if (next < 0) {
                return;
            }
            sub.lastSent = next;
            MsgProto msg = log.lookup(next);
            if (msg != null) {
                firstDelivery(sub, msg);
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
        MessageStore log = group.members.get(0).channel.store.messages();
        while (!group.allStalled()) {
            long next = nextSequence(log, group.lastSent);
            if (next < 0) {
                return;
            }
            MsgProto msg = log.lookup(next);
            group.lastSent = next;
            if (msg == null) {
                continue;
            }
            Subscription member = group.bestMember(engine.clients);
            member.lastSent = Math.max(member.lastSent, next);
            firstDelivery(member, msg);
        }
    }

    /** The sequence after {@code lastSent} to send, skipping dropped messages; -1 when there is none. */
    private static long nextSequence(MessageStore log, long lastSent) {
        long last = log.lastSequence();
        long next = lastSent + 1;
        if (next > last) {
            return -1;
        }
        return Math.max(next, log.firstSequence());
    }

    private void firstDelivery(Subscription sub, MsgProto msg) {
        sub.channel.store.subscriptions().addPending(sub.id, msg.getSequence());
        send(sub, msg, false, 0);
        if (sub.atMaxInFlight()) {
            sub.stalled = true;
        }
        engine.commits.commitSoon();
    }

    /**
     * Publishes {@code msg} to the subscription's inbox and makes it pending until
     * now + ack wait. Redeliveries carry the redelivered flag and their count.
     */
    void send(Subscription sub, MsgProto msg, boolean redelivered, int redeliveryCount) {
        MsgProto out = redelivered
                ? msg.toBuilder().setRedelivered(true).setRedeliveryCount(redeliveryCount).build()
                : msg;
        byte[] bytes = out.toByteArray();
        engine.transport.publish(sub.inbox, bytes);
        engine.stats.outMsgs++;
        engine.stats.outBytes += bytes.length;
        sub.pending.put(msg.getSequence(), Engine.monotonicNanos() + sub.ackWaitNanos());
        ackTimers.arm(sub);
    }
}
