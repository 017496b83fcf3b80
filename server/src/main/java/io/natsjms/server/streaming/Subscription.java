package io.natsjms.server.streaming;

import io.natsjms.store.spb.SubState;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ScheduledFuture;

/**
 * A subscription as the engine runs it: the persistent {@link SubState} fields plus delivery state.
 * Owned by the engine loop.
 */
final class Subscription {

    final long id;
    final Channel channel;
    final String durableName;
    final boolean durable;
    /** The queue group this subscription is a member (or the shadow) of, or {@code null}. */
    final QueueGroup group;

    /** Owning client; empty for an offline durable queue group's shadow. */
    String clientId;
    String inbox;
    String ackInbox;
    int maxInFlight;
    int ackWaitSeconds;
    /** Highest sequence sent to this subscription. */
    long lastSent;
    /** Offline durable (closed, state kept). */
    boolean offline;
    /** The messages this queue member takes (a natsjms selective subscription); all for everyone else. */
    SelectorFilter selector = SelectorFilter.ALL;
    /** The group's parked sequences this member's selector selects (see {@link QueueGroup#parked}). */
    final TreeSet<Long> parkedTakes = new TreeSet<>();

    /** Pending (sent, unacknowledged) sequences with their redelivery deadlines. */
    final PendingMessages pending = new PendingMessages();
    /**
     * Redeliveries per pending sequence, for plain subscriptions (groups keep their own); stored on
     * each redelivery and recovered after a restart.
     */
    final Map<Long, Integer> redeliveries = new HashMap<>();
    /** No new message is sent while pending is at max in flight. */
    boolean stalled;
    /** New messages wait until the pending ones were redelivered (durable resume, recovery). */
    boolean newOnHold;
    /** The ack-wait timer, or {@code null} when nothing is pending. */
    ScheduledFuture<?> ackTimer;
    long ackTimerDeadline;

    Subscription(long id, Channel channel, SubState state, QueueGroup group) {
        this.id = id;
        this.channel = channel;
        this.group = group;
        this.durableName = state.getDurableName();
        this.durable = state.getIsDurable();
        this.clientId = state.getClientID();
        this.inbox = state.getInbox();
        this.ackInbox = state.getAckInbox();
        this.maxInFlight = state.getMaxInFlight();
        this.ackWaitSeconds = state.getAckWaitInSecs();
        this.lastSent = state.getLastSent();
        this.offline = state.getIsClosed();
        this.selector = recoveredSelector(state);
    }

    /** A stored selector parses again (it was checked when it was accepted); should it not, it selects all. */
    private static SelectorFilter recoveredSelector(SubState state) {
        try {
            return SelectorFilter.compile(state.getSelector());
        } catch (RequestRejected e) {
            System.getLogger(Subscription.class.getName()).log(System.Logger.Level.WARNING, "subscription "
                    + state.getID() + " of client \"" + state.getClientID() + "\": " + e.wireError()
                    + "; it takes every message");
            return SelectorFilter.ALL;
        }
    }

    /** The state to persist. */
    SubState toState() {
        return SubState.newBuilder()
                .setID(id)
                .setClientID(clientId == null ? "" : clientId)
                .setQGroup(group == null ? "" : group.name)
                .setInbox(inbox)
                .setAckInbox(ackInbox)
                .setMaxInFlight(maxInFlight)
                .setAckWaitInSecs(ackWaitSeconds)
                .setDurableName(durableName)
                .setLastSent(lastSent)
                .setIsDurable(durable)
                .setIsClosed(offline)
                .setSelector(selector.text())
                .build();
    }

    long ackWaitNanos() {
        return ackWaitSeconds * 1_000_000_000L;
    }

    boolean isQueueMember() {
        return group != null;
    }

    boolean atMaxInFlight() {
        return pending.size() >= maxInFlight;
    }

    int redeliveryCount(long sequence) {
        Map<Long, Integer> counts = group != null ? group.redeliveries : redeliveries;
        return counts.getOrDefault(sequence, 0);
    }

    int bumpRedeliveryCount(long sequence) {
        Map<Long, Integer> counts = group != null ? group.redeliveries : redeliveries;
        return counts.merge(sequence, 1, Integer::sum);
    }

    /** Puts back a recovered count; a group keeps the highest count any member's record holds. */
    void restoreRedeliveryCount(long sequence, int count) {
        Map<Long, Integer> counts = group != null ? group.redeliveries : redeliveries;
        counts.merge(sequence, count, Math::max);
    }

    void clearRedeliveryCount(long sequence) {
        Map<Long, Integer> counts = group != null ? group.redeliveries : redeliveries;
        counts.remove(sequence);
    }

    @Override
    public String toString() {
        return "subscription " + id + " of client " + clientId + " on channel " + channel.name;
    }
}
