package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A queue group of one channel: members share one cursor and each message goes to one member.
 * Owned by the engine loop.
 */
final class QueueGroup {

    /** The group name as subscribers gave it. */
    final String name;
    /** The key in the channel: the name, or {@code durableName:name} for a durable group. */
    final String key;
    final boolean durable;
    final List<Subscription> members = new ArrayList<>();
    /** Highest sequence sent to any member. */
    long lastSent;
    /** The last member's state kept while a durable group has no member. */
    Subscription shadow;
    /**
     * Redeliveries per pending sequence, shared by the members. The store keeps each count on the
     * member holding the sequence; recovery takes the highest count over the members' records.
     */
    final Map<Long, Integer> redeliveries = new HashMap<>();
    /** New messages wait until a resumed group's pending messages were redelivered. */
    boolean newOnHold;
    /** Messages no member could take when their turn came (members with selectors). */
    final ParkedMessages parked = new ParkedMessages();

    QueueGroup(String name, String key, boolean durable) {
        this.name = name;
        this.key = key;
        this.durable = durable;
    }

    /** The durable name of a durable group (its key up to the {@code :}), empty for a non-durable one. */
    String durableName() {
        return durable ? key.substring(0, key.length() - name.length() - 1) : "";
    }

    /** Whether every member is stalled, so nothing new can be sent. */
    boolean allStalled() {
        for (Subscription member : members) {
            if (!member.stalled) {
                return false;
            }
        }
        return true;
    }

    /**
     * The member a new message goes to: among members that are not stalled and whose client answers
     * heartbeats, the one with the fewest pending messages (the earliest on ties); the first member
     * if none qualifies. A chosen first member moves to the end, so that ties rotate.
     */
    Subscription bestMember(ClientRegistry clients) {
        Subscription best = null;
        for (Subscription member : members) {
            if (member.stalled) {
                continue;
            }
            Client client = clients.byId(member.clientId);
            if (client != null && client.hasFailedHeartbeats()) {
                continue;
            }
            if (best == null || member.pending.size() < best.pending.size()) {
                best = member;
            }
        }
        if (best == null) {
            return members.isEmpty() ? null : members.get(0);
        }
        if (members.size() > 1 && members.get(0) == best) {
            members.remove(0);
            members.add(best);
        }
        return best;
    }

    /** Whether some member takes only what its selector selects. */
    boolean selective() {
        for (Subscription member : members) {
            if (!member.selector.selectsAll()) {
                return true;
            }
        }
        return false;
    }

    /** The members whose selector selects {@code msg} delivered with {@code deliveryCount}, in list order. */
    List<Subscription> selecting(MsgProto msg, int deliveryCount) {
        List<Subscription> selecting = new ArrayList<>(members.size());
        for (Subscription member : members) {
            if (member.selector.selects(msg, deliveryCount)) {
                selecting.add(member);
            }
        }
        return selecting;
    }

    /**
     * The member {@code msg} goes to in a group with selectors: as {@link #bestMember}, but only among
     * the members that select it and are not stalled; among those whose client misses heartbeats only
     * when no other one selects it. {@code null} when no member can take it now: it must wait.
     */
    Subscription bestSelecting(ClientRegistry clients, List<Subscription> selecting) {
        Subscription best = null;
        Subscription missingHeartbeats = null;
        for (Subscription member : selecting) {
            if (member.stalled) {
                continue;
            }
            Client client = clients.byId(member.clientId);
            if (client != null && client.hasFailedHeartbeats()) {
                if (missingHeartbeats == null) {
                    missingHeartbeats = member;
                }
                continue;
            }
            if (best == null || member.pending.size() < best.pending.size()) {
                best = member;
            }
        }
        if (best == null) {
            return missingHeartbeats;
        }
        if (members.size() > 1 && members.get(0) == best) {
            members.remove(0);
            members.add(best);
        }
        return best;
    }

    /**
     * Stores the group's position on {@code holder}, a remaining member or the shadow. A restart
     * rebuilds the position from the stored members, so without this a member leaving with the
     * group's last message would move it back and the next member would get acknowledged messages
     * again as new ones.
     */
    void keepPositionOn(Subscription holder) {
        if (holder.lastSent < lastSent) {
            holder.lastSent = lastSent;
            holder.channel.store.subscriptions().update(holder.toState());
        }
    }
}
