package io.natsjms.server.chaos;

import io.nats.streaming.AckHandler;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client operations of a run, each applied to the server through the official client and to the
 * model; an answer the model does not allow is recorded as a violation.
 */
final class ClientSteps {

    private final Model model;
    private final Checks checks;
    private final String natsUrl;
    private int payloads;
    private final AtomicInteger unconfirmed = new AtomicInteger();
    private final Set<Lineage> onlineAtRestart = new HashSet<>();
    private int resumes;
    private int resumesAfterRestart;
    private int joins;
    private int replacements;
    private int duplicates;

    ClientSteps(Model model, Checks checks, String natsUrl) {
        this.model = model;
        this.checks = checks;
        this.natsUrl = natsUrl;
    }

    /** How often the run did what matters most: resumes and joins, replacements, a refused duplicate. */
    String coverage() {
        return resumes + " durable resumes (" + resumesAfterRestart + " of a durable online at a restart), " + joins
                + " joins of an existing group, " + replacements + " connections replaced, " + duplicates
                + " duplicate durables refused";
    }

    /** Called when the server restarts: the durables online now are the ones recovery must get right. */
    void restarting() {
        synchronized (model) {
            onlineAtRestart.clear();
            model.lineages().stream().filter(l -> l.kind == Lineage.Kind.DURABLE && !l.liveMembers().isEmpty())
                    .forEach(onlineAtRestart::add);
        }
    }

    int unconfirmed() {
        return unconfirmed.get();
    }

    /** Connects the client unless it is; a connect after a dropped connection replaces that one. */
    void ensureConnected(ChaosClient client) throws Exception {
        if (client.connected()) {
            return;
        }
        boolean replacing = client.dead();
        try {
            client.connect(natsUrl);
        } catch (Exception e) {
            model.violations.add(client + ": cannot connect" + (replacing ? " in place of its dropped connection" : "")
                    + ": " + e);
            return;
        }
        if (replacing) {
            replacements++;
            client.liveMembers().forEach(m -> model.memberGone(m, false));
        }
    }

    private List<String> newPayloads(String channel, int count, boolean ordered) {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add("m" + (++payloads));
        }
        model.sending(channel, list, ordered);
        return list;
    }

    void publishSync(ChaosClient client, String channel, int count) {
        for (String payload : newPayloads(channel, count, true)) {
            try {
                client.streaming().publish(channel, payload.getBytes(StandardCharsets.UTF_8));
                model.confirmed(channel, payload);
            } catch (Exception e) {
                unconfirmed.incrementAndGet();
                model.violations.add(client + ": publish of \"" + payload + "\" to " + channel + " failed: " + e);
            }
        }
    }

    /**
     * Publishes {@code count} messages without waiting between them; with {@code wait} until every PubAck
     * came (each must be a success), else returns at once (the server is about to be killed: the
     * payloads not confirmed by then may or may not be stored).
     */
    void publishAsync(ChaosClient client, String channel, int count, boolean wait) throws Exception {
        CountDownLatch acks = new CountDownLatch(count);
        AtomicInteger pending = client.pendingPubAcks();
        AckHandler handler = new AckHandler() {
            /** The client calls this one on a PubAck timeout, without the data. */
            @Override
            public void onAck(String guid, Exception error) {
                done(guid, null, error);
            }

            @Override
            public void onAck(String guid, String subject, byte[] data, Exception error) {
                done(guid, data == null ? null : new String(data, StandardCharsets.UTF_8), error);
            }

            private void done(String guid, String payload, Exception error) {
                if (error == null && payload != null) {
                    model.confirmed(channel, payload);
                } else {
                    unconfirmed.incrementAndGet();
                    if (wait) {
                        model.violations.add(client + ": async publish " + (payload == null ? guid : "\"" + payload
                                + "\"") + " to " + channel + " failed: " + error);
                    }
                }
                acks.countDown();
                pending.decrementAndGet();
            }

            @Override
            public boolean includeDataWithAck() {
                return true;
            }
        };
        for (String payload : newPayloads(channel, count, wait)) {
            pending.incrementAndGet();
            client.streaming().publish(channel, payload.getBytes(StandardCharsets.UTF_8), handler);
        }
        if (wait && !acks.await(ChaosClient.PUB_ACK_WAIT.toSeconds() + 5, TimeUnit.SECONDS)) {
            model.violations.add(client + ": " + acks.getCount() + " of " + count + " PubAcks never came");
        }
    }

    /** What a subscribe step asks for. */
    record SubscribeRequest(Lineage.Kind kind, String channel, String durableName, String queue, ModelStartPosition start,
                            AckPolicy policy, int maxInFlight, int ackWaitSeconds) {
    }

    void subscribe(ChaosClient client, SubscribeRequest request) throws Exception {
        String channel = request.channel();
        Optional<Lineage> existing = switch (request.kind()) {
            case PLAIN -> Optional.empty();
            case DURABLE -> model.durable(client.id, channel, request.durableName());
            case QUEUE -> model.group(channel, request.queue());
            case DURABLE_QUEUE -> model.group(channel, request.durableName() + ":" + request.queue());
        };
        boolean duplicate;
        synchronized (model) {
            duplicate = request.kind() == Lineage.Kind.DURABLE && existing.isPresent()
                    && !existing.get().liveMembers().isEmpty();
        }
        String owner = switch (request.kind()) {
            case PLAIN, DURABLE -> client.id;
            case QUEUE -> request.queue();
            case DURABLE_QUEUE -> request.durableName() + ":" + request.queue();
        };
        Lineage lineage = existing.orElseGet(() -> new Lineage(request.kind(), model.channel(channel), owner,
                request.durableName(), request.start().toString()));
        Member member = new Member(model, lineage, client, request.maxInFlight(), request.policy(),
                client.id + "#" + (client.members.size() + 1));
        synchronized (model) {
            lineage.members.add(member);
            client.members.add(member);
        }
        long before = checks.lastSeqs().getOrDefault(channel, 0L);
        // before the options: the official client takes the start time when it is given the time delta
        Instant t0 = Instant.now();
        SubscriptionOptions.Builder options = new SubscriptionOptions.Builder().manualAcks()
                .maxInFlight(request.maxInFlight()).ackWait(Duration.ofSeconds(request.ackWaitSeconds()));
        if (request.durableName() != null) {
            options.durableName(request.durableName());
        }
        request.start().apply(options);
        Subscription subscription;
        try {
            subscription = client.streaming().subscribe(channel, request.queue(), member::onMessage, options.build());
        } catch (Exception e) {
            model.memberGone(member, false);
            if (duplicate && String.valueOf(e.getMessage()).contains("duplicate durable registration")) {
                duplicates++;
            } else {
                model.violations.add(client + ": subscribe " + request + " failed: " + e);
            }
            return;
        }
        Instant t1 = Instant.now();
        member.subscribed(subscription);
        if (duplicate) {
            model.violations.add(client + ": a second subscription to its online durable " + request.durableName()
                    + " on " + channel + " was accepted (expected \"stan: duplicate durable registration\")");
            return;
        }
        if (existing.isPresent()) {
            if (request.kind() == Lineage.Kind.DURABLE) {
                resumes++;
                if (onlineAtRestart.contains(existing.get())) {
                    resumesAfterRestart++;
                }
            } else {
                joins++;
            }
        } else {
            long after = checks.lastSeqs().getOrDefault(channel, 0L);
            ModelStartPosition start = request.start();
            if (start.kind() == ModelStartPosition.Kind.TIME_DELTA) {
                lineage.startWindow(1, after + 1, new Lineage.TimeStart(nanos(t0.minus(start.delta())),
                        nanos(t1.minus(start.delta()))));
            } else {
                lineage.startWindow(start.firstMin(before, after), start.firstMax(before, after), null);
            }
            model.add(lineage);
        }
    }

    private static long nanos(Instant instant) {
        return ChronoUnit.NANOS.between(Instant.EPOCH, instant);
    }

    void closeSubscription(Member member, boolean unsubscribe) {
        try {
            if (unsubscribe) {
                member.subscription().unsubscribe();
            } else {
                member.subscription().close();
            }
        } catch (Exception e) {
            model.violations.add(member.client + ": " + (unsubscribe ? "unsubscribe" : "close") + " of " + member
                    + " failed: " + e);
        }
        model.memberGone(member, unsubscribe);
    }

    void closeConnection(ChaosClient client) {
        // java-nats-streaming 2.2.3 fails with a NullPointerException in close(), before the CloseRequest,
        // while an async publish still waits for its PubAck (as after a SIGKILL): let those time out first.
        if (!Checks.eventually(ChaosClient.PUB_ACK_WAIT.plusSeconds(5), () -> client.pendingPubAcks().get() == 0)) {
            model.violations.add(client + ": " + client.pendingPubAcks() + " async publishes neither acked nor timed out");
        }
        try {
            client.close();
        } catch (Exception e) {
            model.violations.add(client + ": close failed: " + e);
        }
        client.liveMembers().forEach(m -> model.memberGone(m, false));
    }

    /** Drops the client's connection without a word; the next connect with its client ID replaces it. */
    void drop(ChaosClient client) throws InterruptedException {
        client.drop();
    }
}
