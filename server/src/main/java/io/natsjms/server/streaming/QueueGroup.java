package io.natsjms.server.streaming;

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

    QueueGroup(String name, String key, boolean durable) {
        this.name = name;
        this.key = key;
        this.durable = durable;
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
