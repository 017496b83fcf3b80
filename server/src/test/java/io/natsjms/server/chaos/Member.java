package io.natsjms.server.chaos;

import io.nats.streaming.Message;
import io.nats.streaming.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One subscription of the official client, carrying a {@link Lineage}: it feeds every message to the
 * model and acks it or keeps it unacked as its {@link AckPolicy} says. Messages that arrive after the
 * member was closed count for nothing (the server sends them again if they matter).
 */
final class Member {

    private final Model model;
    final Lineage lineage;
    final ChaosClient client;
    final int maxInFlight;
    final AckPolicy policy;
    private final String name;
    private Subscription subscription;
    private boolean live = true;
    private final TreeMap<Long, Message> held = new TreeMap<>();

    Member(Model model, Lineage lineage, ChaosClient client, int maxInFlight, AckPolicy policy, String name) {
        this.model = model;
        this.lineage = lineage;
        this.client = client;
        this.maxInFlight = maxInFlight;
        this.policy = policy;
        this.name = name;
    }

    void subscribed(Subscription subscription) {
        this.subscription = subscription;
    }

    Subscription subscription() {
        return subscription;
    }

    /** Under the model's lock. */
    boolean live() {
        return live;
    }

    /** Under the model's lock. */
    void gone() {
        live = false;
        held.clear();
    }

    /** Under the model's lock. */
    int heldCount() {
        return held.size();
    }

    void onMessage(Message message) {
        boolean ack;
        synchronized (model) {
            long seq = message.getSequence();
            lineage.channel.observed(seq, new String(message.getData(), StandardCharsets.UTF_8),
                    message.getTimestamp(), model.violations);
            if (!live || lineage.ended()) {
                return;
            }
            lineage.received(seq, message.isRedelivered(), model.killEpoch());
            ack = !policy.keeps(seq);
            if (ack) {
                held.remove(seq);
            } else {
                held.put(seq, message);
            }
        }
        if (ack) {
            ackQuietly(message);
        }
    }

    /** Acks every message held for the {@linkplain AckPolicy#hold holding} policy; returns how many. */
    int ackHeld() {
        List<Message> acks = new ArrayList<>();
        synchronized (model) {
            if (!live || !policy.hold()) {
                return 0;
            }
            acks.addAll(held.values());
            held.clear();
        }
        acks.forEach(Member::ackQuietly);
        return acks.size();
    }

    private static void ackQuietly(Message message) {
        try {
            message.ack();
        } catch (Exception e) {
            // the connection went away: the server redelivers the message, which the model allows
        }
    }

    @Override
    public String toString() {
        return name + "[" + (live ? "live" : "gone") + ", " + policy + ", max " + maxInFlight + ", holds " + held.size()
                + "]";
    }
}
