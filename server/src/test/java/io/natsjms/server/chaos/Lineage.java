package io.natsjms.server.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One logical subscription as the server should see it, across the {@link Member}s that carried it: a
 * plain subscription (one member), a durable (one member per resume), or a queue group (its members,
 * one after another or side by side). It knows where its first message must be, every sequence it was
 * given, and whether it can be given more; its guarantee is that from its first message on nothing of
 * the channel is skipped, and that a sequence it already got comes again only flagged as redelivered.
 */
final class Lineage {

    enum Kind { PLAIN, DURABLE, QUEUE, DURABLE_QUEUE }

    /** The start of a time-delta subscription lies somewhere in [from, to] (epoch nanoseconds). */
    record TimeStart(long from, long to) {
    }

    /** Slack between the test's clock and the server's, both of this machine. */
    private static final long CLOCK_SLACK_NANOS = 20_000_000L;

    final Kind kind;
    final ChannelModel channel;
    /** The client ID (plain, durable) or the group (queue groups). */
    final String owner;
    final String durableName;
    final String startDescription;
    private long firstMin;
    private long firstMax;
    private TimeStart timeStart;
    private final TreeSet<Long> delivered = new TreeSet<>();
    private final Map<Long, Integer> killEpochOfLastDelivery = new HashMap<>();
    private final TreeSet<Long> unflaggedRepeats = new TreeSet<>();
    final List<Member> members = new ArrayList<>();
    private boolean ended;

    Lineage(Kind kind, ChannelModel channel, String owner, String durableName, String startDescription) {
        this.kind = kind;
        this.channel = channel;
        this.owner = owner;
        this.durableName = durableName;
        this.startDescription = startDescription;
    }

    /** Where the first message must be, known once the subscription was answered. */
    void startWindow(long min, long max, TimeStart time) {
        firstMin = min;
        firstMax = max;
        timeStart = time;
    }

    void end() {
        ended = true;
    }

    boolean ended() {
        return ended;
    }

    List<Member> liveMembers() {
        return members.stream().filter(Member::live).toList();
    }

    void received(long seq, boolean redelivered, int killEpoch) {
        Integer before = killEpochOfLastDelivery.put(seq, killEpoch);
        if (before != null && before == killEpoch && !redelivered) {
            unflaggedRepeats.add(seq);
        }
        delivered.add(seq);
    }

    /**
     * Whether this lineage must be given more: a member is live and below its MaxInFlight, and none is a member the
     * server may still send to though its connection was dropped (what it gets there is out of sight).
     */
    private boolean canProgress() {
        return members.stream().noneMatch(m -> m.live() && m.client.dead())
                && members.stream().anyMatch(m -> m.live() && m.heldCount() < m.maxInFlight);
    }

    /**
     * What the server still owes this lineage on a channel whose last sequence is {@code lastSeq}, or null when
     * nothing (all given, or it may not be given more now).
     */
    String shortfall(long lastSeq) {
        if (ended || !canProgress()) {
            return null;
        }
        long from = delivered.isEmpty() ? firstMax : Math.min(delivered.first(), firstMax);
        List<Long> missing = new ArrayList<>();
        for (long seq = Math.max(from, 1); seq <= lastSeq && missing.size() < 1000; seq++) {
            if (!delivered.contains(seq)) {
                missing.add(seq);
            }
        }
        if (missing.isEmpty()) {
            return null;
        }
        return this + " lacks " + Ranges.of(missing) + " (channel at " + lastSeq + ", got " + Ranges.of(delivered)
                + ", members " + members + ")";
    }

    /**
     * Checks that need no waiting: no sequence came again unflagged, the first message is not before the start
     * position.
     */
    void checkStart(Violations violations) {
        if (!unflaggedRepeats.isEmpty()) {
            violations.add(this + " got seqs " + Ranges.of(unflaggedRepeats) + " again without the redelivered flag"
                    + " (no SIGKILL since it got them first)");
            unflaggedRepeats.clear();
        }
        if (delivered.isEmpty()) {
            return;
        }
        long first = delivered.first();
        if (first < firstMin) {
            violations.add(this + " got seq " + first + ", before its start (first message expected in "
                    + firstMin + ".." + firstMax + ")");
        }
        if (timeStart != null) {
            Long ts = channel.timestampAt(first);
            Long tsBefore = channel.timestampAt(first - 1);
            if (ts != null && ts < timeStart.from - CLOCK_SLACK_NANOS) {
                violations.add(this + " starts at seq " + first + " stamped " + ts + ", before the start time "
                        + timeStart);
            }
            if (tsBefore != null && tsBefore >= timeStart.to + CLOCK_SLACK_NANOS) {
                violations.add(this + " starts at seq " + first + " but seq " + (first - 1) + " is stamped "
                        + tsBefore + ", after the start time " + timeStart);
            }
        }
    }

    @Override
    public String toString() {
        return switch (kind) {
            case PLAIN -> "plain sub of " + owner + " on " + channel.name + " (" + startDescription + ")";
            case DURABLE -> "durable " + owner + "/" + channel.name + "/" + durableName + " (" + startDescription + ")";
            case QUEUE -> "queue group " + owner + " on " + channel.name + " (" + startDescription + ")";
            case DURABLE_QUEUE -> "durable queue group " + owner + " on " + channel.name + " (" + startDescription + ")";
        };
    }
}
