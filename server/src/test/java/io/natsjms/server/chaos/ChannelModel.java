package io.natsjms.server.chaos;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the model knows of one channel: every payload sent to it (each is unique), those the server
 * confirmed with a PubAck, and the sequence and timestamp of each payload once any delivery showed it.
 * A confirmed payload must be stored exactly once; one whose PubAck never came (a SIGKILL, a timeout)
 * may or may not be; no sequence ever changes its payload. Confirmed payloads are published one at a
 * time or in order from one connection, so their sequences rise in publish order.
 */
final class ChannelModel {

    final String name;
    private final Map<String, Integer> sent = new HashMap<>();
    private final Set<String> confirmed = new HashSet<>();
    /** Sends of transaction branches that are prepared (not committed yet) or rolled back: in no channel. */
    private final Set<String> invisible = new HashSet<>();
    private final Map<String, Long> seqOf = new HashMap<>();
    private final Map<Long, String> payloadAt = new HashMap<>();
    private final Map<Long, Long> timestampAt = new HashMap<>();
    /** Publish index of a confirmed payload → its sequence, once known. */
    private final TreeMap<Integer, Long> confirmedSeqs = new TreeMap<>();
    private long highestSeen;

    ChannelModel(String name) {
        this.name = name;
    }

    /**
     * Records a payload about to be published.
     *
     * @param publishIndex its rank among ordered publishes, or -1 when its order is not known (a publish racing a
     *                     SIGKILL may reach the next server only after later ones, from its connection's buffer)
     */
    void sent(String payload, int publishIndex) {
        sent.put(payload, publishIndex);
    }

    /** A send of a prepared (or staged) transaction branch: it must not appear until the branch commits. */
    void hidden(String payload) {
        invisible.add(payload);
    }

    /** A send of a branch about to be committed: it may appear from now on. */
    void revealed(String payload) {
        invisible.remove(payload);
    }

    void confirmed(String payload, Violations violations) {
        confirmed.add(payload);
        Long seq = seqOf.get(payload);
        if (seq != null) {
            checkOrder(payload, seq, violations);
        }
    }

    int sentCount() {
        return sent.size();
    }

    int confirmedCount() {
        return confirmed.size();
    }

    Set<String> confirmedPayloads() {
        return confirmed;
    }

    long highestSeen() {
        return highestSeen;
    }

    Long timestampAt(long seq) {
        return timestampAt.get(seq);
    }

    Long seqOf(String payload) {
        return seqOf.get(payload);
    }

    /** A delivery showed {@code payload} at {@code seq}: it must agree with everything seen before. */
    void observed(long seq, String payload, long timestamp, Violations violations) {
        if (!sent.containsKey(payload)) {
            violations.add(name + " seq " + seq + " holds \"" + payload + "\", which nobody published");
            return;
        }
        if (invisible.contains(payload)) {
            violations.add(name + " seq " + seq + " holds \"" + payload + "\", a send of a transaction branch that"
                    + " is prepared but not committed, or rolled back");
            return;
        }
        String before = payloadAt.get(seq);
        if (before != null && !before.equals(payload)) {
            violations.add(name + " seq " + seq + " held \"" + before + "\" and now holds \"" + payload + "\"");
            return;
        }
        Long seqBefore = seqOf.get(payload);
        if (seqBefore != null && seqBefore != seq) {
            violations.add(name + ": \"" + payload + "\" was at seq " + seqBefore + " and is now (also) at seq " + seq
                    + (confirmed.contains(payload) ? " (a confirmed publish)" : " (its PubAck never came)"));
            return;
        }
        Long tsBefore = timestampAt.get(seq);
        if (tsBefore != null && tsBefore != timestamp) {
            violations.add(name + " seq " + seq + " had timestamp " + tsBefore + " and now " + timestamp);
        }
        if (before == null) {
            payloadAt.put(seq, payload);
            seqOf.put(payload, seq);
            timestampAt.put(seq, timestamp);
            highestSeen = Math.max(highestSeen, seq);
            if (confirmed.contains(payload)) {
                checkOrder(payload, seq, violations);
            }
        }
    }

    private void checkOrder(String payload, long seq, Violations violations) {
        int index = sent.get(payload);
        if (index < 0) {
            return;
        }
        confirmedSeqs.put(index, seq);
        Map.Entry<Integer, Long> lower = confirmedSeqs.lowerEntry(index);
        Map.Entry<Integer, Long> higher = confirmedSeqs.higherEntry(index);
        if (lower != null && lower.getValue() >= seq || higher != null && higher.getValue() <= seq) {
            violations.add(name + ": confirmed publishes out of order: \"" + payload + "\" (publish #" + index
                    + ") at seq " + seq + ", neighbours " + lower + " / " + higher + " (publish # = seq)");
        }
    }
}
