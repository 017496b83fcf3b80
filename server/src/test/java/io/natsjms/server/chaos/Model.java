package io.natsjms.server.chaos;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The reference model of the server's state: channels, and the lineages of subscriptions with their
 * members. Deliveries reach it from client threads, so everything happens under this object's lock.
 */
final class Model {

    final Violations violations = new Violations();
    private final Map<String, ChannelModel> channels = new LinkedHashMap<>();
    private final List<Lineage> lineages = new ArrayList<>();
    private int killEpoch;
    private volatile int restartEpoch;
    private int orderedPublishes;

    Model(List<String> channelNames) {
        channelNames.forEach(name -> channels.put(name, new ChannelModel(name)));
    }

    synchronized ChannelModel channel(String name) {
        return channels.get(name);
    }

    synchronized List<ChannelModel> channels() {
        return List.copyOf(channels.values());
    }

    /** Counts SIGKILLs: a server killed may forget what it sent, so a repeat needs no redelivered flag. */
    synchronized int killEpoch() {
        return killEpoch;
    }

    int restartEpoch() {
        return restartEpoch;
    }

    synchronized void restarted(boolean killed) {
        if (killed) {
            killEpoch++;
        }
        restartEpoch++;
    }

    /** Records payloads about to be published in this order (their sequences must rise in this order). */
    synchronized void sending(String channel, List<String> payloads, boolean ordered) {
        for (String payload : payloads) {
            channels.get(channel).sent(payload, ordered ? orderedPublishes++ : -1);
        }
    }

    /** Records the sends of a transaction branch: sent (in no known order), and invisible until committed. */
    synchronized void preparing(String channel, List<String> payloads) {
        sending(channel, payloads, false);
        payloads.forEach(channels.get(channel)::hidden);
    }

    /** The branch's commit is about to be asked for: its sends may appear. */
    synchronized void committing(String channel, List<String> payloads) {
        payloads.forEach(channels.get(channel)::revealed);
    }

    synchronized void confirmed(String channel, String payload) {
        channels.get(channel).confirmed(payload, violations);
    }

    synchronized List<Lineage> lineages() {
        return List.copyOf(lineages);
    }

    synchronized void add(Lineage lineage) {
        lineages.add(lineage);
    }

    /** The durable of {@code clientId} named {@code name} on {@code channel}, if it exists. */
    synchronized Optional<Lineage> durable(String clientId, String channel, String name) {
        return lineages.stream().filter(l -> l.kind == Lineage.Kind.DURABLE && l.owner.equals(clientId)
                && l.channel.name.equals(channel) && l.durableName.equals(name)).findFirst();
    }

    /** The queue group {@code group} (durable: {@code durable:queue}) on {@code channel}, if it exists. */
    synchronized Optional<Lineage> group(String channel, String group) {
        return lineages.stream().filter(l -> (l.kind == Lineage.Kind.QUEUE || l.kind == Lineage.Kind.DURABLE_QUEUE)
                && l.owner.equals(group) && l.channel.name.equals(channel)).findFirst();
    }

    /**
     * A member left: by unsubscribing, or by closing (itself, its connection, or its connection replaced).
     * A closed durable goes offline, the last member of a durable queue group leaves the group's state
     * behind; anything else that has no member left is gone.
     */
    synchronized void memberGone(Member member, boolean unsubscribed) {
        member.gone();
        Lineage lineage = member.lineage;
        boolean empty = lineage.liveMembers().isEmpty();
        boolean keep = switch (lineage.kind) {
            case PLAIN, QUEUE -> !empty;
            case DURABLE -> !unsubscribed;
            case DURABLE_QUEUE -> !empty || !unsubscribed;
        };
        if (!keep) {
            lineage.end();
            lineages.remove(lineage);
        }
    }

    /**
     * The subscriptions the server should list, per channel, as {@link Monitor.SubState#key()} → count.
     */
    synchronized Map<String, Map<String, Integer>> expectedSubscriptions() {
        Map<String, Map<String, Integer>> expected = new HashMap<>();
        for (Lineage lineage : lineages) {
            Map<String, Integer> keys = expected.computeIfAbsent(lineage.channel.name, c -> new TreeMap<>());
            List<Member> live = lineage.liveMembers();
            switch (lineage.kind) {
                case PLAIN -> live.forEach(m -> keys.merge("plain " + lineage.owner, 1, Integer::sum));
                case DURABLE -> keys.merge("durable " + lineage.owner + "/" + lineage.durableName
                        + (live.isEmpty() ? " offline" : " online"), 1, Integer::sum);
                case QUEUE -> live.forEach(m -> keys.merge("queue " + lineage.owner + " member of " + m.client.id, 1,
                        Integer::sum));
                case DURABLE_QUEUE -> {
                    live.forEach(m -> keys.merge("durable-queue " + lineage.owner + " member of " + m.client.id, 1,
                            Integer::sum));
                    if (live.isEmpty()) {
                        keys.merge("durable-queue " + lineage.owner + " offline", 1, Integer::sum);
                    }
                }
            }
        }
        return expected;
    }

    /** What the server still owes, per lineage, given each channel's last sequence. */
    synchronized List<String> shortfalls(Map<String, Long> lastSeqs) {
        List<String> shortfalls = new ArrayList<>();
        for (Lineage lineage : lineages) {
            String shortfall = lineage.shortfall(lastSeqs.getOrDefault(lineage.channel.name, 0L));
            if (shortfall != null) {
                shortfalls.add(shortfall);
            }
        }
        return shortfalls;
    }

    synchronized void checkStarts() {
        lineages.forEach(l -> l.checkStart(violations));
    }
}
