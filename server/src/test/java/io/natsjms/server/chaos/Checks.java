package io.natsjms.server.chaos;

import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.streaming.Message;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.Subscription;
import io.nats.streaming.SubscriptionOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The checks of the model against the server: after every step, the channels and subscriptions the
 * monitoring endpoint lists and the messages every lineage got; after every restart and at the end, a
 * replay of every channel from its first message by a new client.
 */
final class Checks {

    /** How long the server may take to reach the state the model expects (it is usually a few ms). */
    static final Duration SETTLE = Duration.ofSeconds(10);
    /** Longer: a message whose ack the server lost comes back after an AckWait of up to 2 s. */
    static final Duration DELIVER = Duration.ofSeconds(15);

    private final Model model;
    private final Monitor monitor;
    private int audits;
    private String lastMonitorError = "";
    private long monitorNanos;
    private long deliveryNanos;
    private int slowDeliveries;

    Checks(Model model, Monitor monitor) {
        this.model = model;
        this.monitor = monitor;
    }

    void afterStep() {
        long t0 = System.nanoTime();
        List<String> problems = new ArrayList<>();
        if (!eventually(SETTLE, () -> problems(problems))) {
            problems.forEach(model.violations::add);
            model.checkStarts();
            return;
        }
        long t1 = System.nanoTime();
        List<String> shortfalls = new ArrayList<>();
        if (!eventually(DELIVER, () -> {
            shortfalls.clear();
            shortfalls.addAll(model.shortfalls(lastSeqs()));
            return shortfalls.isEmpty();
        })) {
            shortfalls.forEach(model.violations::add);
        }
        long t2 = System.nanoTime();
        monitorNanos += t1 - t0;
        deliveryNanos += t2 - t1;
        if (t2 - t1 > 500_000_000L) {
            slowDeliveries++;
        }
        model.checkStarts();
    }

    /** Where the checks spent their time. */
    String timing() {
        return String.format("monitor %.1f s, deliveries %.1f s (%d waits over 0.5 s), %s", monitorNanos / 1e9,
                deliveryNanos / 1e9, slowDeliveries, monitor.timing());
    }

    /** Each channel's last sequence (0 for a channel the server does not have). */
    Map<String, Long> lastSeqs() {
        Map<String, Long> lastSeqs = new HashMap<>();
        monitor.channels().forEach((name, channel) -> lastSeqs.put(name, channel.lastSeq()));
        return lastSeqs;
    }

    private boolean problems(List<String> problems) {
        problems.clear();
        Map<String, Monitor.ChannelState> state;
        try {
            state = monitor.channels();
        } catch (RuntimeException e) {
            lastMonitorError = e.toString();
            problems.add("the monitoring endpoint does not answer: " + lastMonitorError);
            return false;
        }
        Map<String, Map<String, Integer>> expectedSubs = model.expectedSubscriptions();
        for (ChannelModel channel : model.channels()) {
            Monitor.ChannelState actual = state.getOrDefault(channel.name,
                    new Monitor.ChannelState(channel.name, 0, 0, 0, List.of()));
            synchronized (model) {
                counts(channel, actual, problems);
            }
            Map<String, Integer> subs = new TreeMap<>();
            actual.subs().forEach(s -> subs.merge(s.key(), 1, Integer::sum));
            Map<String, Integer> expected = expectedSubs.getOrDefault(channel.name, Map.of());
            if (!subs.equals(expected)) {
                problems.add(channel.name + " lists subscriptions " + subs + ", the model expects " + expected);
            }
        }
        return problems.isEmpty();
    }

    private static void counts(ChannelModel channel, Monitor.ChannelState actual, List<String> problems) {
        String name = channel.name;
        if (actual.msgs() < channel.confirmedCount()) {
            problems.add(name + " holds " + actual.msgs() + " messages, fewer than its " + channel.confirmedCount()
                    + " confirmed publishes");
        }
        if (actual.lastSeq() > channel.sentCount()) {
            problems.add(name + " is at seq " + actual.lastSeq() + ", though only " + channel.sentCount()
                    + " messages were ever published to it");
        }
        if (actual.lastSeq() < channel.highestSeen()) {
            problems.add(name + " is at seq " + actual.lastSeq() + ", below seq " + channel.highestSeen()
                    + " that was delivered already");
        }
        if (actual.lastSeq() > 0 && (actual.firstSeq() != 1 || actual.msgs() != actual.lastSeq())) {
            problems.add(name + " has msgs=" + actual.msgs() + ", first_seq=" + actual.firstSeq() + ", last_seq="
                    + actual.lastSeq() + " (no limit applies: expected 1..last_seq)");
        }
    }

    /**
     * Reads every channel from its first message with a new client and checks each message against the
     * model: sequences 1..last all there, every confirmed publish among them at a fixed sequence.
     */
    void audit(String natsUrl) throws Exception {
        audits++;
        Map<String, Long> lastSeqs = lastSeqs();
        try (Connection nc = Nats.connect(new io.nats.client.Options.Builder().server(natsUrl)
                .connectionTimeout(Duration.ofSeconds(2)).build())) {
            StreamingConnection reader = NatsStreaming.connect(ChaosServer.CLUSTER, "audit-" + audits,
                    new io.nats.streaming.Options.Builder().natsConn(nc).connectWait(Duration.ofSeconds(5)).build());
            for (ChannelModel channel : model.channels()) {
                audit(reader, channel, lastSeqs.getOrDefault(channel.name, 0L));
            }
            reader.close();
        }
    }

    private void audit(StreamingConnection reader, ChannelModel channel, long lastSeq) throws Exception {
        Map<Long, Message> read = new ConcurrentHashMap<>();
        Subscription sub = reader.subscribe(channel.name, m -> read.put(m.getSequence(), m),
                new SubscriptionOptions.Builder().deliverAllAvailable().maxInFlight(100_000).build());
        boolean complete = eventually(DELIVER, () -> read.size() >= lastSeq
                && read.keySet().stream().filter(seq -> seq <= lastSeq).count() == lastSeq);
        sub.unsubscribe();
        synchronized (model) {
            if (!complete) {
                List<Long> missing = new ArrayList<>();
                for (long seq = 1; seq <= lastSeq; seq++) {
                    if (!read.containsKey(seq)) {
                        missing.add(seq);
                    }
                }
                model.violations.add("audit " + audits + ": replaying " + channel.name + " from the first message"
                        + " does not give " + Ranges.of(missing) + " of 1.." + lastSeq);
            }
            read.forEach((seq, m) -> channel.observed(seq, new String(m.getData(), StandardCharsets.UTF_8),
                    m.getTimestamp(), model.violations));
            checkStamps(channel.name, read, lastSeq);
            for (String payload : channel.confirmedPayloads()) {
                Long seq = channel.seqOf(payload);
                if (seq == null || seq > lastSeq) {
                    model.violations.add("audit " + audits + ": the confirmed publish \"" + payload + "\" is not in "
                            + channel.name + " (1.." + lastSeq + (seq == null ? "" : "; it was at seq " + seq) + ")");
                }
            }
        }
    }

    /** Timestamps never go back along a channel, and every message carries its channel as subject. */
    private void checkStamps(String channel, Map<Long, Message> read, long lastSeq) {
        long previous = Long.MIN_VALUE;
        for (long seq = 1; seq <= lastSeq; seq++) {
            Message m = read.get(seq);
            if (m == null) {
                continue;
            }
            if (!channel.equals(m.getSubject())) {
                model.violations.add("audit " + audits + ": " + channel + " seq " + seq + " has subject "
                        + m.getSubject());
            }
            if (m.getTimestamp() < previous) {
                model.violations.add("audit " + audits + ": " + channel + " seq " + seq + " is stamped "
                        + m.getTimestamp() + ", before seq " + (seq - 1) + " (" + previous + ")");
            }
            previous = m.getTimestamp();
        }
    }

    int audits() {
        return audits;
    }

    static boolean eventually(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInSameThread().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10))
                    .until(condition);
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }
}
